import type { Interval } from "./clock.ts";
import { record, text, type HistoryEvent } from "./history.ts";

// A ticket's life as its events tell it: who owns it now, when each clock started and stopped, and the periods
// the SLA clocks stood still (pending; resolved and then reopened). Pure: the same events give the same history.

export interface TicketHistory {
  ticketId: string;
  number: number;
  teamId: string;
  assigneeId: string | null;
  cityId: string | null;
  priority: string;
  category: string;
  status: string;
  createdAt: Date;
  firstResponseAt: Date | null;
  /** The stop of the current resolution cycle; null while the ticket is open again. */
  resolvedAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
  /** Finished pauses; a pause still running has no end yet and is not here. */
  pauses: Interval[];
  pausedSince: Date | null;
  /** Breaches the SLA sweep recorded ("first_response", "resolution"). */
  breaches: Set<string>;
  lastEventSeq: bigint;
}

function onStatus(h: TicketHistory, to: string, at: Date) {
  if (to === h.status) return;
  if (h.pausedSince !== null) {
    h.pauses.push({ from: h.pausedSince, to: at });
    h.pausedSince = null;
  }
  // Reopening starts another cycle: the time it sat resolved does not count against the resolution clock.
  if (h.status === "resolved" && to === "open" && h.resolvedAt !== null) {
    h.pauses.push({ from: h.resolvedAt, to: at });
    h.resolvedAt = null;
    h.reopenCount += 1;
  }
  if (to === "pending") h.pausedSince = at;
  if (to === "resolved") {
    h.resolvedAt = at;
    // Resolving answers the customer: the first response stops for good.
    h.firstResponseAt ??= at;
  }
  if (to === "closed") h.closedAt = at;
  h.status = to;
}

function apply(h: TicketHistory, event: HistoryEvent) {
  const { payload, occurredAt: at } = event;
  switch (event.type) {
    case "TicketStatusUpdated": {
      const to = text(payload, "to");
      if (to !== null) onStatus(h, to, at);
      break;
    }
    case "TicketCommented":
      if (text(payload, "visibility") === "public") h.firstResponseAt ??= at;
      break;
    case "TicketAssigned":
      h.assigneeId = text(payload, "to");
      break;
    case "TicketUpdated": {
      const changes = record(record(payload).changes);
      h.priority = text(changes.priority, "to") ?? h.priority;
      h.category = text(changes.category, "to") ?? h.category;
      h.teamId = text(changes.teamId, "to") ?? h.teamId;
      break;
    }
    case "TicketEscalated":
      h.priority = text(payload, "toPriority") ?? h.priority;
      break;
    case "SlaBreached": {
      const kind = text(payload, "kind");
      if (kind !== null) h.breaches.add(kind);
      break;
    }
  }
}

/** Folds a ticket's events (in seq order); null when its TicketCreated is not among them. */
export function foldTicketEvents(ticketId: string, events: readonly HistoryEvent[]): TicketHistory | null {
  const created = events.find((event) => event.type === "TicketCreated");
  if (created === undefined) return null;
  const number = record(created.payload).number;
  const teamId = text(created.payload, "teamId");
  const priority = text(created.payload, "priority");
  const category = text(created.payload, "category");
  if (typeof number !== "number" || teamId === null || priority === null || category === null) return null;
  const history: TicketHistory = {
    ticketId,
    number,
    teamId,
    assigneeId: null,
    cityId: text(created.payload, "cityId"),
    priority,
    category,
    status: "new",
    createdAt: created.occurredAt,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    pauses: [],
    pausedSince: null,
    breaches: new Set(),
    lastEventSeq: created.seq,
  };
  for (const event of events) {
    if (event.seq <= created.seq) continue;
    apply(history, event);
    history.lastEventSeq = event.seq;
  }
  return history;
}
