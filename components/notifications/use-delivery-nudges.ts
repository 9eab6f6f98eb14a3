"use client";

import { useEffect, useState } from "react";
import { useLiveEvents } from "@/components/providers/live-events";

// A burst of deliveries (an escalation paging ten people, a redrive) nudges many times a second; the bell refetches
// once, QUIET_MS after the last nudge, and at least once per MAX_WAIT_MS while nudges keep coming.
const QUIET_MS = 500;
const MAX_WAIT_MS = 3000;

class Debouncer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstAt = 0;
  private handler: () => void = () => undefined;

  setHandler(handler: () => void) {
    this.handler = handler;
  }

  nudge() {
    const now = Date.now();
    if (this.firstAt === 0) this.firstAt = now;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.firstAt = 0;
        this.handler();
      },
      Math.min(QUIET_MS, Math.max(0, this.firstAt + MAX_WAIT_MS - now)),
    );
  }

  dispose() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Calls `onNudge` (debounced) when a notification is delivered anywhere, and after every reconnection. */
export function useDeliveryNudges(onNudge: () => void) {
  const [debouncer] = useState(() => new Debouncer());

  useEffect(() => {
    debouncer.setHandler(onNudge);
  }, [debouncer, onNudge]);
  useEffect(() => () => debouncer.dispose(), [debouncer]);

  // A reconnection may have missed deliveries: catch up.
  useLiveEvents(
    ["notification"],
    () => debouncer.nudge(),
    () => debouncer.nudge(),
  );
}
