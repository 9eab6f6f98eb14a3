import type { Db } from "../db/client.ts";
import { startedAggregates } from "./event-repository.ts";
import { refreshTicketFacts } from "./ticket-fact-builder.ts";

// Rebuilds every ticket fact row from the event log, a page of tickets at a time (in TicketCreated order), with
// the same fold the consumer runs. Facts of tickets whose events retention removed stay as they were.

const PAGE = 2000;
const ALL_TIME = { from: new Date(0), to: new Date(8.64e15) };

export async function recomputeTicketFacts(
  db: Db,
  onPage: (done: number) => void = () => {},
): Promise<{ tickets: number }> {
  let afterSeq = 0n;
  let tickets = 0;
  for (;;) {
    const page = await startedAggregates(db, { type: "TicketCreated", ...ALL_TIME, afterSeq, limit: PAGE });
    if (page.length === 0) return { tickets };
    await refreshTicketFacts(
      db,
      page.map((row) => row.aggregateId),
    );
    tickets += page.length;
    afterSeq = (page.at(-1) as { seq: bigint }).seq;
    onPage(tickets);
  }
}
