"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { groupBy } from "@/server/lib/group-by";
import { MAX_PAGE_SIZE } from "@/server/tickets/contract";
import type { RowViewer } from "./types";

// Viewers send a heartbeat every ~15 s from the detail page; the queue asks for its rows' viewers as often.
const POLL_MS = 15_000;

/** Other agents viewing each of the given tickets (the first MAX_PAGE_SIZE rows), by ticket id. */
export function useQueuePresence(
  ticketIds: readonly string[],
  selfId: string,
): ReadonlyMap<string, RowViewer[]> {
  const trpc = useTRPC();
  // Sorted so a live reorder of the same rows keeps the same query.
  const ids = ticketIds.slice(0, MAX_PAGE_SIZE).sort();
  const query = useQuery(
    trpc.tickets.presence.viewersOf.queryOptions(
      { ticketIds: ids },
      {
        enabled: ids.length > 0,
        refetchInterval: POLL_MS,
        staleTime: POLL_MS,
        placeholderData: (previous) => previous,
      },
    ),
  );
  return useMemo(
    () =>
      groupBy(
        (query.data ?? []).filter((viewer) => viewer.id !== selfId),
        (viewer) => viewer.ticketId,
      ),
    [query.data, selfId],
  );
}
