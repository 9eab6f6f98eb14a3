import type { BatchEventHandler } from "../events/delivered-event.ts";
import { refreshTicketFacts } from "./ticket-fact-builder.ts";

// reports.ticket-facts: any ticket event refolds that ticket's whole history into its fact row, a claimed batch
// of tickets at a time. Refolding (rather than applying the one event) makes a redelivery or an out-of-order retry
// harmless, and keeps the row equal to what the recompute command writes.
export const updateTicketFacts: BatchEventHandler = {
  async batch(db, _contextOf, events) {
    const tickets = [...new Set(events.map((event) => event.aggregateId))];
    const written = await refreshTicketFacts(db, tickets);
    return events.map(() => `${written} of ${tickets.length} ticket facts updated in this batch`);
  },
};
