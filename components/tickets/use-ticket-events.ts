"use client";

import { useEffect, useState } from "react";
import { useLiveEvents, type LiveStatus } from "@/components/providers/live-events";

// Committed ticket events from every app instance (LISTEN/NOTIFY → SSE). A bulk change or a busy minute
// produces bursts, so events are gathered and handed over at most every QUIET_MS (never later than MAX_WAIT_MS).

const QUIET_MS = 400;
const MAX_WAIT_MS = 2000;

export interface TicketEventBatch {
  ticketIds: ReadonlySet<string>;
  /** The stream reconnected: events may have been missed, so everything shown may be stale. */
  resync: boolean;
}

class EventBatcher {
  private ids = new Set<string>();
  private resync = false;
  private firstAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private handler: (batch: TicketEventBatch) => void = () => undefined;

  setHandler(handler: (batch: TicketEventBatch) => void) {
    this.handler = handler;
  }

  add(ticketId: string) {
    this.ids.add(ticketId);
    this.schedule();
  }

  /** A reconnection may have missed events. */
  reconnected() {
    this.resync = true;
    this.schedule();
  }

  dispose() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule() {
    const now = Date.now();
    if (this.firstAt === 0) this.firstAt = now;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => this.flush(),
      Math.min(QUIET_MS, Math.max(0, this.firstAt + MAX_WAIT_MS - now)),
    );
  }

  private flush() {
    const batch = { ticketIds: this.ids, resync: this.resync };
    this.ids = new Set();
    this.resync = false;
    this.firstAt = 0;
    this.timer = null;
    this.handler(batch);
  }
}

export function useTicketEvents(onBatch: (batch: TicketEventBatch) => void): LiveStatus {
  const [batcher] = useState(() => new EventBatcher());

  useEffect(() => {
    batcher.setHandler(onBatch);
  }, [batcher, onBatch]);

  useEffect(() => () => batcher.dispose(), [batcher]);

  return useLiveEvents(
    ["ticket"],
    (event) => batcher.add(event.aggregateId),
    () => batcher.reconnected(),
  );
}
