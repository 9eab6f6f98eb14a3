import type { QueueFilter } from "./contract.ts";
import type { TicketStatus } from "./types.ts";

// Exact queue summaries. The counter table (TicketCount, kept by triggers on Ticket) knows every filter column
// and whether a breach is recorded; what it cannot know is time: a running deadline passed that the SLA sweep has
// not marked yet still counts as breached (queueWhere's `breached`). So a summary is the counters plus one count
// of those overdue-but-unmarked tickets, both read by one statement (one snapshot). A free-text search and the
// at-risk filter (slaAtRiskAt ≤ now < slaDueAt, both time-bound) have no counter: they are counted on the tickets.

/** Counted tickets of one status, split by whether a breach is recorded. */
export interface CounterRow {
  status: TicketStatus;
  recordedBreach: boolean;
  tickets: number;
}

/** Tickets of one status without a recorded breach whose nearest deadline has passed: breached as of now. */
export interface OverdueRow {
  status: TicketStatus;
  tickets: number;
}

/** Per status: tickets in the filter and how many of them are breached (recorded or current). */
export interface StatusCount {
  status: TicketStatus;
  total: number;
  breached: number;
}

/** Whether the counters can answer the filter; a search or a time-bound SLA filter is counted on the tickets. */
export function countedByCounters(filter: Pick<QueueFilter, "q" | "sla">): boolean {
  return filter.q === undefined && filter.sla !== "at_risk";
}

/**
 * The counter table to read: the rollup (no category, no city: a few hundred rows per team) unless the filter
 * names a category or a city.
 */
export function countersTable(
  filter: Pick<QueueFilter, "category" | "cityId">,
): "TicketCount" | "TicketCountRollup" {
  return filter.category?.length || filter.cityId ? "TicketCount" : "TicketCountRollup";
}

/**
 * Per listed status, from the counters (already narrowed to every filter but breached / not_breached) and the
 * overdue-but-unmarked tickets among them.
 */
export function combineCounts(
  sla: QueueFilter["sla"],
  statuses: readonly TicketStatus[],
  counters: readonly CounterRow[],
  overdue: readonly OverdueRow[],
): StatusCount[] {
  return statuses.map((status) => {
    const sum = (rows: readonly { tickets: number }[]) => rows.reduce((n, row) => n + row.tickets, 0);
    const ofStatus = counters.filter((row) => row.status === status);
    const recorded = sum(ofStatus.filter((row) => row.recordedBreach));
    const unrecorded = sum(ofStatus.filter((row) => !row.recordedBreach));
    const late = sum(overdue.filter((row) => row.status === status));
    if (sla === "breached") return { status, total: recorded + late, breached: recorded + late };
    if (sla === "not_breached") return { status, total: unrecorded - late, breached: 0 };
    return { status, total: recorded + unrecorded, breached: recorded + late };
  });
}

/** Rows counted straight on the tickets, with a zero for each listed status that has none. */
export function countsFor(statuses: readonly TicketStatus[], rows: readonly StatusCount[]): StatusCount[] {
  return statuses.map(
    (status) => rows.find((row) => row.status === status) ?? { status, total: 0, breached: 0 },
  );
}
