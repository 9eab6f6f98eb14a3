import type { EventHandler } from "../events/delivered-event.ts";
import { refreshTicketFacts } from "./ticket-fact-builder.ts";

// reports.ticket-facts: any ticket event refolds that ticket's whole history into its fact row. Refolding (rather
// than applying the one event) makes a redelivery or an out-of-order retry harmless, and keeps the row equal to
// what the recompute command writes.
export const updateTicketFact: EventHandler = async (db, _context, event) => {
  const written = await refreshTicketFacts(db, [event.aggregateId]);
  return written === 0 ? "fact unchanged (newer already folded, or no TicketCreated)" : "fact updated";
};
