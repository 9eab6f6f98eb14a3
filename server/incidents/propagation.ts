import type { DomainEventInput } from "../events/record.ts";
import { incidentEvent } from "./events.ts";
import type { IncidentRow } from "./incident-repository.ts";

// Propagation to the linked tickets, declared by the incident and applied by the tickets domain: the tickets are
// cut into batches, one IncidentTicketBatchDue event each, recorded with the update or resolution that asked for
// them. The tickets domain answers (or resolves) each batch in one transaction of its own.

/** Tickets per batch: one consumer transaction's locks and events stay bounded for an incident of thousands. */
const TICKET_BATCH = 200;

type TicketAction = "public_reply" | "resolve";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Batches of distinct ticket ids in their given order; ids that cannot name a ticket are left out. */
export function ticketBatches(ticketIds: readonly string[], size = TICKET_BATCH): string[][] {
  const ids = [...new Set(ticketIds.filter((id) => UUID.test(id)))];
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
  return batches;
}

export function ticketBatchEvents(
  incident: IncidentRow,
  action: TicketAction,
  body: string,
  ticketIds: readonly string[],
  size = TICKET_BATCH,
): DomainEventInput[] {
  const batches = ticketBatches(ticketIds, size);
  return batches.map((batch, i) =>
    incidentEvent(
      "IncidentTicketBatchDue",
      incident,
      { action, body, ticketIds: batch, batch: i + 1, batches: batches.length },
      // The audit keeps what was asked and how many, not every id again.
      { action, batch: i + 1, batches: batches.length, tickets: batch.length },
    ),
  );
}

/** What the requesters read when the incident behind their tickets is resolved and the commander resolves them. */
export function resolutionNote(incidentNumber: number, note: string | undefined): string {
  if (note) return note;
  return [
    `お問い合わせの原因となっていた障害（インシデント #${incidentNumber}）は解決しました。ご不便をおかけしました。`,
    `The problem behind your request (incident #${incidentNumber}) is resolved. We are sorry for the trouble.`,
  ].join("\n");
}
