import { withTransaction } from "../db/transaction.ts";
import type { EventHandler } from "../events/delivered-event.ts";
import { incidentActionItemPayload, incidentTicketBatchPayload } from "../events/payloads.ts";
import { AppError } from "../lib/errors.ts";
import { createTicket } from "./create.ts";
import { lockTicketsInOrder, ticketsChangedBy } from "./propagation-repository.ts";
import { findTicket, type TicketRecord } from "./repository.ts";
import { applyChange } from "./service.ts";
import { isTicketCategory } from "./types.ts";

// Consumer tickets.incident-propagation: an incident's batch of linked tickets, answered with the commander's
// public update or resolved with the incident, in one transaction. Each ticket goes through the same change as
// an agent's (its version bumped, so an agent's stale edit gets a 409; a public reply stops the first-response
// clock, resolving stops the clock for good; events and audit as usual). Redelivered, it skips the tickets this
// event changed already. Closed tickets are left alone; resolved ones take no update and need no resolving.

const settled = (ticket: TicketRecord) => ticket.status === "closed" || ticket.status === "resolved";

export const applyIncidentTicketBatch: EventHandler = async (db, context, event) => {
  const batch = incidentTicketBatchPayload.parse(event.payload);
  const label = `incident #${batch.number} batch ${batch.batch}/${batch.batches}`;
  // A batch of 200 tickets is a few thousand statements: the batch preset's longer timeout.
  return withTransaction(
    db,
    async (tx) => {
      await lockTicketsInOrder(tx, batch.ticketIds);
      const done = new Set(await ticketsChangedBy(tx, batch.ticketIds, event.id));
      let applied = 0;
      let skipped = 0;
      for (const id of batch.ticketIds) {
        if (done.has(id)) continue;
        const ticket = await findTicket(tx, id);
        if (!ticket || settled(ticket)) {
          skipped++;
          continue;
        }
        await applyChange(
          tx,
          context,
          { all: true },
          {
            id,
            version: ticket.version,
            change: batch.action === "resolve" ? { status: "resolved" } : {},
            comment: { visibility: "public", body: batch.body },
          },
        );
        applied++;
      }
      const verb = batch.action === "resolve" ? "resolved" : "answered";
      return `${label}: ${applied} ${verb}, ${skipped} skipped, ${done.size} done before`;
    },
    { preset: "batch" },
  );
};

/** Consumer tickets.incident-action-items: a postmortem action item becomes an internal ticket, once. */
export const openActionItemTicket: EventHandler = async (db, context, event) => {
  const item = incidentActionItemPayload.parse(event.payload);
  // The edges check the category against the tickets' list; a direct caller's wrong one stops here, retried and
  // then a dead letter to redrive once fixed, never a ticket of a category no team handles.
  if (!isTicketCategory(item.category))
    throw new AppError("UNPROCESSABLE", `category: ${item.category} is not a ticket category`);
  const { created, ticket } = await createTicket(db, context, {
    externalId: `incident-action:${item.itemId}`,
    subject: item.itemTitle,
    description: item.description,
    priority: item.priority,
    category: item.category,
    source: "internal",
    language: "ja",
    ...(item.cityId ? { cityId: item.cityId } : {}),
    requesterName: `Incident #${item.number} postmortem`,
  });
  return `${created ? "opened" : "already had"} ticket ${ticket.number} for incident #${item.number}`;
};
