"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";

// Committed ticket events from every app instance (LISTEN/NOTIFY → SSE). A bulk change or a busy minute
// produces bursts, so events are gathered and handed over at most every QUIET_MS (never later than MAX_WAIT_MS).

const QUIET_MS = 400;
const MAX_WAIT_MS = 2000;

export interface TicketEventBatch {
  ticketIds: ReadonlySet<string>;
  /** The stream reconnected: events may have been missed, so everything shown may be stale. */
  resync: boolean;
}

export type LiveStatus = "idle" | "connecting" | "pending" | "error";

class EventBatcher {
  private ids = new Set<string>();
  private resync = false;
  private firstAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private connectedBefore = false;
  private handler: (batch: TicketEventBatch) => void = () => undefined;

  setHandler(handler: (batch: TicketEventBatch) => void) {
    this.handler = handler;
  }

  add(ticketId: string) {
    this.ids.add(ticketId);
    this.schedule();
  }

  /** Every (re)connection after the first may have missed events. */
  connected() {
    if (this.connectedBefore) {
      this.resync = true;
      this.schedule();
    }
    this.connectedBefore = true;
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
  const trpc = useTRPC();
  const [batcher] = useState(() => new EventBatcher());

  useEffect(() => {
    batcher.setHandler(onBatch);
  }, [batcher, onBatch]);

  useEffect(() => () => batcher.dispose(), [batcher]);

  const subscription = useSubscription(
    trpc.live.events.subscriptionOptions(
      { aggregateTypes: ["ticket"] },
      { onStarted: () => batcher.connected(), onData: (event) => batcher.add(event.aggregateId) },
    ),
  );
  return subscription.status;
}
