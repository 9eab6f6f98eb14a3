"use client";

import { useSyncExternalStore } from "react";

// One timer per refresh period for the whole page, started by its first subscriber and stopped with the last,
// so a queue of hundreds of SLA badges ticking every second costs one interval.

interface Clock {
  subscribe: (listener: () => void) => () => void;
  snapshot: () => number;
}

const clocks = new Map<number, Clock>();

function clockFor(everyMs: number): Clock {
  const existing = clocks.get(everyMs);
  if (existing) return existing;
  const listeners = new Set<() => void>();
  /** 0 while nobody listens, so a later first render reads a fresh clock instead of a stale one. */
  let now = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  const clock: Clock = {
    snapshot: () => {
      if (now === 0) now = Date.now();
      return now;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      if (timer === null) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          listeners.forEach((notify) => notify());
        }, everyMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== null) {
          clearInterval(timer);
          timer = null;
          now = 0;
        }
      };
    },
  };
  clocks.set(everyMs, clock);
  return clock;
}

const serverSnapshot = () => null;

/**
 * The client clock in ms, refreshed every `everyMs`; null while rendering on the server and hydrating, so
 * server and browser render the same markup and renders stay pure.
 */
export function useNow(everyMs = 1000): number | null {
  const clock = clockFor(everyMs);
  return useSyncExternalStore(clock.subscribe, clock.snapshot, serverSnapshot);
}
