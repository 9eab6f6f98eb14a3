"use client";

import { useCallback, useState } from "react";
import { useTRPCClient } from "@/components/providers/trpc";
import type { TicketWithTimeline } from "./types";
import { useTicketEvents, type TicketEventBatch } from "./use-ticket-events";

/**
 * Watches the open ticket for changes by anyone else. The screen does not swap data under the user's hands
 * (they may be choosing a status or writing a reply); it offers the newer version instead, with what changed.
 */
export function useTicketLive(id: string, shownVersion: number) {
  const client = useTRPCClient();
  const [newer, setNewer] = useState<TicketWithTimeline | null>(null);

  const onBatch = useCallback(
    async ({ ticketIds, resync }: TicketEventBatch) => {
      if (!resync && !ticketIds.has(id)) return;
      const latest = await client.tickets.get.query({ id });
      setNewer((previous) =>
        previous && previous.ticket.version >= latest.ticket.version ? previous : latest,
      );
    },
    [client, id],
  );
  const status = useTicketEvents(onBatch);

  // The user's own write already shows its result: only a version beyond the one on screen is news.
  const shownNewer = newer && newer.ticket.version > shownVersion ? newer : null;
  return { newer: shownNewer, status, dismiss: () => setNewer(null) };
}
