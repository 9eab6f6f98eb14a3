"use client";

import { useEffect, useState } from "react";
import { useLiveEvents } from "@/components/providers/live-events";
import type { LiveEvent } from "@/server/live/event-hub";

export type LiveStatus = "connecting" | "live" | "offline";

// Short enough that a new bucket shows within a second, long enough to fold a batch's events into one refetch.
const SETTLE_MS = 150;

type Handler = (events: readonly LiveEvent[]) => void;

/** Gathers events and hands them over together once they stop arriving for a moment. */
function createSettler() {
  let pending: LiveEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let handler: Handler = () => undefined;
  const schedule = () => {
    timer ??= setTimeout(() => {
      timer = null;
      const events = pending;
      pending = [];
      handler(events);
    }, SETTLE_MS);
  };
  return {
    setHandler(next: Handler) {
      handler = next;
    },
    add(event: LiveEvent) {
      pending.push(event);
      schedule();
    },
    /** A reconnect may have missed events: hand over an empty batch, which means "refresh everything". */
    reconnected: schedule,
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/**
 * Committed city and alert events, pushed over SSE (never polled). Events arriving together are settled into
 * one call of `onChange`; after a reconnect it is called with no events, meaning "refresh everything".
 */
export function useLiveCities(onChange: Handler): LiveStatus {
  const [settler] = useState(createSettler);
  useEffect(() => settler.setHandler(onChange), [settler, onChange]);
  useEffect(() => () => settler.stop(), [settler]);

  const status = useLiveEvents(["city", "alert"], settler.add, settler.reconnected);
  if (status === "pending") return "live";
  return status === "error" ? "offline" : "connecting";
}
