import type { BatchEventHandler } from "../events/delivered-event.ts";
import { refreshTicketFacts } from "./ticket-fact-builder.ts";

// reports.ticket-facts: any ticket event refolds that ticket's whole history into its fact row, a claimed batch
// of tickets at a time. Refolding (rather than applying the one event) makes a redelivery or an out-of-order retry
// harmless, and keeps the row equal to what the recompute command writes. A ticket's TicketCreated is the first
// of its events, so on its own it is the ticket's whole history up to it: folded without reading the log (most
// of this consumer's work is new tickets). A claimed batch never holds two events of one ticket (the backbone
// delivers an aggregate's events in order, one at a time), so the ticket's later events come in later batches and
// refold from the log.
export const updateTicketFacts: BatchEventHandler = {
  async batch(db, _contextOf, events) {
    const tickets = [...new Set(events.map((event) => event.aggregateId))];
    const opened = new Map(
      events
        .filter((event) => event.type === "TicketCreated")
        .map(({ aggregateId, seq, type, occurredAt, payload }) => [
          aggregateId,
          [{ seq, type, occurredAt, payload }],
        ]),
    );
    const written = await refreshTicketFacts(db, tickets, opened);
    return events.map(() => `${written} of ${tickets.length} ticket facts updated in this batch`);
  },
};
