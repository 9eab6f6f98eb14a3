import type { BusinessCalendar } from "../lib/business-calendar.ts";
import { activeMinutes } from "./clock.ts";
import type { TicketHistory } from "./ticket-history.ts";
import { targetsFor } from "./ticket-sla-targets.ts";

// The fact row a ticket's history gives: the figures the ticket reports aggregate. Durations are on the
// priority's clock with the pauses left out; a target counts as breached when the sweep recorded SlaBreached or
// the measured time exceeds it (a stop after the deadline the sweep had not reached yet).

/** The history's own fields, less the clock's working state, with the measured figures. */
export type TicketFact = Omit<TicketHistory, "pauses" | "pausedSince" | "breaches"> & {
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  firstResponseTargetMinutes: number;
  resolutionTargetMinutes: number;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
};

const round3 = (value: number) => Math.round(value * 1000) / 1000;

export function ticketFact(history: TicketHistory, cal: BusinessCalendar): TicketFact {
  const targets = targetsFor(history.priority, history.createdAt, cal);
  const measure = (stop: Date | null) =>
    stop === null
      ? null
      : round3(activeMinutes(targets.calendar, history.createdAt, stop, history.pauses, cal));
  const firstResponseMinutes = measure(history.firstResponseAt);
  const resolutionMinutes = measure(history.resolvedAt);
  const late = (minutes: number | null, target: number) => minutes !== null && minutes > target;
  return {
    ticketId: history.ticketId,
    number: history.number,
    teamId: history.teamId,
    assigneeId: history.assigneeId,
    cityId: history.cityId,
    priority: history.priority,
    category: history.category,
    status: history.status,
    createdAt: history.createdAt,
    firstResponseAt: history.firstResponseAt,
    resolvedAt: history.resolvedAt,
    closedAt: history.closedAt,
    reopenCount: history.reopenCount,
    firstResponseMinutes,
    resolutionMinutes,
    firstResponseTargetMinutes: round3(targets.firstResponse),
    resolutionTargetMinutes: targets.resolution,
    firstResponseBreached:
      history.breaches.has("first_response") || late(firstResponseMinutes, targets.firstResponse),
    resolutionBreached: history.breaches.has("resolution") || late(resolutionMinutes, targets.resolution),
    lastEventSeq: history.lastEventSeq,
  };
}
