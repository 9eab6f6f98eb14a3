"use client";

import type { QueryKey } from "@tanstack/react-query";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useLiveEvents, type LiveStatus } from "@/components/providers/live-events";
import { useTRPC } from "@/components/providers/trpc";

// One aggregate type's events from every app instance (LISTEN/NOTIFY → SSE): every query under `queryKey` on the
// page is refetched, at most once per QUIET_MS burst (a correlation opening an incident with fifty members is one
// refetch, not fifty). A hidden tab only marks them stale; focus refetches.

type LiveAggregate = "workflow" | "incident";
type Trpc = ReturnType<typeof useTRPC>;

const QUIET_MS = 400;

class RefetchBatcher {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private refetch: () => void = () => undefined;

  setRefetch(refetch: () => void) {
    this.refetch = refetch;
  }

  add() {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refetch();
    }, QUIET_MS);
  }

  dispose() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

export function useLiveRefetch(
  aggregateType: LiveAggregate,
  queryKeyOf: (trpc: Trpc) => QueryKey,
): LiveStatus {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [batcher] = useState(() => new RefetchBatcher());

  useEffect(() => {
    batcher.setRefetch(
      () =>
        void queryClient.invalidateQueries({
          queryKey: queryKeyOf(trpc),
          refetchType: document.visibilityState === "hidden" ? "none" : "active",
        }),
    );
    // Cheap to redo each render (an inline key getter is a new function each time): it only swaps the callback.
  }, [batcher, queryClient, trpc, queryKeyOf]);
  useEffect(() => () => batcher.dispose(), [batcher]);

  // After a break the stream may have missed events: refetch then too.
  return useLiveEvents(
    [aggregateType],
    () => batcher.add(),
    () => batcher.add(),
  );
}
