"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import { createContext, use, useEffect, useRef, useState, type ReactNode } from "react";
import type { LiveEvent } from "@/server/live/event-hub";
import { useTRPC } from "./trpc";

// One SSE stream per tab, shared by every live widget on the page. A browser opens at most six HTTP/1.1
// connections to a host; one stream per widget (a city page's alert cards each following their workflows) used
// them all up, and the page's own requests (an acknowledge) then waited forever for a free connection.

type LiveAggregate = "ticket" | "risk_case" | "city" | "alert" | "workflow" | "incident";
/** Nudges (no ids) that a notification was delivered somewhere: the bell refetches its own count. */
export type LiveTopic = LiveAggregate | "notification";

const STREAMED: LiveAggregate[] = ["ticket", "risk_case", "city", "alert", "workflow", "incident"];

export type LiveStatus = "idle" | "connecting" | "pending" | "error";

interface Listener {
  topics: ReadonlySet<LiveTopic>;
  onEvent: (event: LiveEvent) => void;
  /** The stream came back after a break: events may have been missed. */
  onReconnected?: () => void;
}

class FanOut {
  private readonly listeners = new Set<{ current: Listener }>();
  private startedBefore = false;

  add(listener: { current: Listener }): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  event(event: LiveEvent) {
    const topic = event.aggregateType as LiveTopic;
    for (const { current } of this.listeners) if (current.topics.has(topic)) current.onEvent(event);
  }

  started() {
    if (this.startedBefore) for (const { current } of this.listeners) current.onReconnected?.();
    this.startedBefore = true;
  }
}

const LiveContext = createContext<{ fanOut: FanOut; status: LiveStatus } | null>(null);

/** Opens the tab's one live stream (the aggregates the user may see, and delivery nudges) for the console. */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const [fanOut] = useState(() => new FanOut());
  const subscription = useSubscription(
    trpc.live.events.subscriptionOptions(
      { aggregateTypes: STREAMED, deliveryNudges: true },
      { onStarted: () => fanOut.started(), onData: (event) => fanOut.event(event) },
    ),
  );
  return <LiveContext value={{ fanOut, status: subscription.status }}>{children}</LiveContext>;
}

/**
 * Calls `onEvent` for each live event of the given topics, and `onReconnected` after the stream was broken.
 * Returns the stream's status. The callbacks may change on every render.
 */
export function useLiveEvents(
  topics: readonly LiveTopic[],
  onEvent: Listener["onEvent"],
  onReconnected?: Listener["onReconnected"],
): LiveStatus {
  const live = use(LiveContext);
  if (!live) throw new Error("useLiveEvents needs a LiveEventsProvider (the console layout has one)");
  const listener = useRef<Listener>({ topics: new Set(topics), onEvent, onReconnected });
  // The latest callbacks, after every render: the fan-out holds the ref, not the functions.
  useEffect(() => {
    listener.current = { topics: new Set(topics), onEvent, onReconnected };
  });
  const { fanOut } = live;
  useEffect(() => fanOut.add(listener), [fanOut]);
  return live.status;
}
