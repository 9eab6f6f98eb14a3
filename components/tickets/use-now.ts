"use client";

import { useSyncExternalStore } from "react";

// One 1-second timer for every live countdown on the page, started by the first subscriber and stopped with
// the last, so a queue of hundreds of SLA badges costs one interval.

const TICK_MS = 1000;
const listeners = new Set<() => void>();
/** 0 while nobody listens, so a later first render reads a fresh clock instead of a stale one. */
let now = 0;
let timer: ReturnType<typeof setInterval> | null = null;

function snapshot(): number {
  if (now === 0) now = Date.now();
  return now;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((notify) => notify());
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
      now = 0;
    }
  };
}

/** The client clock in ms, ticking every second; null while rendering on the server and hydrating. */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, snapshot, () => null);
}
