"use client";

import { useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import type { RowFlash } from "./queue-row";
import type { QueueInput, QueuePage } from "./types";
import { useTicketEvents, type TicketEventBatch } from "./use-ticket-events";

const FLASH_MS = 4000;

/**
 * Keeps the queue current without a reload: a ticket event may move any row in or out of the filter or change
 * its place in the SLA order, so the loaded pages are refetched (one request per burst of events), and rows
 * that arrived or changed are highlighted briefly. A hidden tab only marks the data stale; focus refetches it.
 */
export function useLiveQueue(input: QueueInput) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [flashes, setFlashes] = useState<ReadonlyMap<string, RowFlash>>(new Map());
  const clearTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (clearTimer.current !== null) clearTimeout(clearTimer.current);
    },
    [],
  );

  const onBatch = useCallback(
    async ({ resync }: TicketEventBatch) => {
      const key = trpc.tickets.queue.infiniteQueryKey(input);
      const versions = () => {
        const data = queryClient.getQueryData<InfiniteData<QueuePage>>(key);
        return new Map(
          data?.pages.flatMap((page) => page.items.map((item) => [item.id, item.version] as const)),
        );
      };
      const hidden = document.visibilityState === "hidden";
      const before = versions();
      await queryClient.invalidateQueries({
        queryKey: trpc.tickets.queue.pathKey(),
        refetchType: hidden ? "none" : "active",
      });
      if (hidden || resync) return;
      const next = new Map<string, RowFlash>();
      for (const [id, version] of versions()) {
        const previous = before.get(id);
        if (previous === undefined) next.set(id, "new");
        else if (previous !== version) next.set(id, "changed");
      }
      if (next.size === 0) return;
      setFlashes(next);
      if (clearTimer.current !== null) clearTimeout(clearTimer.current);
      clearTimer.current = setTimeout(() => setFlashes(new Map()), FLASH_MS);
    },
    [input, queryClient, trpc],
  );

  const status = useTicketEvents(onBatch);
  return { flashes, status };
}
