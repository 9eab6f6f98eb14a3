"use client";

import { useEffect, useState } from "react";
import { useLiveEvents } from "@/components/providers/live-events";

export type LiveState = "connecting" | "live" | "offline";

const SETTLE_MS = 400;

/** Collects case ids and hands them over once events stop arriving for a moment. */
function createBurstCollector() {
  const ids = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let handler: (caseIds: ReadonlySet<string>) => void = () => undefined;
  return {
    add(caseId: string) {
      ids.add(caseId);
      timer ??= setTimeout(() => {
        timer = null;
        const burst = new Set(ids);
        ids.clear();
        handler(burst);
      }, SETTLE_MS);
    },
    setHandler(next: typeof handler) {
      handler = next;
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/**
 * Committed risk-case events, pushed over SSE. Bursts (a batch of signals) are settled into one call of
 * `onBurst` with the ids of the cases that changed, so the screen refetches once, not per event.
 */
export function useLiveRiskEvents(onBurst: (caseIds: ReadonlySet<string>) => void): LiveState {
  const [collector] = useState(createBurstCollector);
  useEffect(() => {
    collector.setHandler(onBurst);
  }, [collector, onBurst]);
  useEffect(() => () => collector.stop(), [collector]);

  const status = useLiveEvents(["risk_case"], (event) => collector.add(event.aggregateId));
  if (status === "pending") return "live";
  return status === "error" ? "offline" : "connecting";
}
