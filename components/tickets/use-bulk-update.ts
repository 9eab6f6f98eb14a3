"use client";

import { TRPCClientError } from "@trpc/client";
import { useRef, useState } from "react";
import { useTRPCClient } from "@/components/providers/trpc";
import type { BulkChange, BulkResult } from "./types";
import type { PickedTicket } from "./use-selection";

// Large selections go in chunks so the user sees progress, can stop between chunks, and one slow request never
// holds hundreds of tickets. The server applies each ticket on its own: a chunk's results are per ticket.
const BULK_CHUNK = 50;

export interface BulkRun {
  total: number;
  done: number;
  results: BulkResult[];
  running: boolean;
  change: BulkChange;
  /** Every ticket in the run as the user saw it, for the result list. */
  tickets: ReadonlyMap<string, PickedTicket>;
}

export function useBulkUpdate(onChunkDone: () => void) {
  const client = useTRPCClient();
  const [run, setRun] = useState<BulkRun | null>(null);
  const stopRequested = useRef(false);

  /** Runs the change chunk by chunk and answers every result (fewer than the tickets when stopped early). */
  async function start(tickets: BulkRun["tickets"], change: BulkChange): Promise<BulkResult[]> {
    const ids = [...tickets.keys()];
    const all: BulkResult[] = [];
    stopRequested.current = false;
    setRun({ total: ids.length, done: 0, results: [], running: true, change, tickets });
    for (let i = 0; i < ids.length && !stopRequested.current; i += BULK_CHUNK) {
      const chunk = ids.slice(i, i + BULK_CHUNK);
      let results: BulkResult[];
      try {
        results = (await client.tickets.bulkUpdate.mutate({ ids: chunk, change })).results;
      } catch (error) {
        const message = error instanceof TRPCClientError ? error.message : String(error);
        results = chunk.map((id) => ({ id, ok: false, error: { code: "REQUEST_FAILED", message } }));
      }
      all.push(...results);
      setRun(
        (previous) =>
          previous && {
            ...previous,
            done: previous.done + chunk.length,
            results: [...previous.results, ...results],
          },
      );
      onChunkDone();
    }
    setRun((previous) => previous && { ...previous, running: false });
    return all;
  }

  return {
    run,
    start,
    stop: () => {
      stopRequested.current = true;
    },
    dismiss: () => setRun(null),
  };
}
