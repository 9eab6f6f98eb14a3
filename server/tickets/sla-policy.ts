import {
  addBusinessMinutes,
  businessMinutesBetween,
  endOfNextBusinessDay,
} from "../lib/business-calendar.ts";
import type { BusinessCalendar, TicketPriority } from "./types";

export type SlaKind = "first_response" | "resolution";

/** "calendar" runs 24/7; "business" runs only inside the owning team's business hours. */
type SlaClockKind = "calendar" | "business";

type SlaTarget = { readonly minutes: number } | { readonly endOfNextBusinessDay: true };

interface SlaPolicy {
  readonly clock: SlaClockKind;
  readonly firstResponse: SlaTarget;
  readonly resolution: SlaTarget;
}

// P3's "4 h / 24 h" are business hours: 24 business hours are 2⅔ business days of 9 h, not one
// calendar day, so a P3 opened on Monday morning is due Wednesday afternoon.
// P4's "next business day" means by day end (18:00) of the first business day whose date is after the
// creation date: created Monday 07:00 or 10:00 → Tuesday 18:00; created Friday evening or Saturday →
// Monday 18:00. Its "3 business days" are 27 business hours (3 × 9 h).
const SLA_POLICY: Readonly<Record<TicketPriority, SlaPolicy>> = {
  P1: { clock: "calendar", firstResponse: { minutes: 15 }, resolution: { minutes: 4 * 60 } },
  P2: { clock: "calendar", firstResponse: { minutes: 30 }, resolution: { minutes: 8 * 60 } },
  P3: { clock: "business", firstResponse: { minutes: 4 * 60 }, resolution: { minutes: 24 * 60 } },
  P4: { clock: "business", firstResponse: { endOfNextBusinessDay: true }, resolution: { minutes: 27 * 60 } },
};

/** Share of a target that must have elapsed before a ticket counts as at risk. */
const AT_RISK_THRESHOLD = 0.75;

interface SlaClock {
  add(start: Date, minutes: number): Date;
  /** Clock minutes in [a, b]. */
  between(a: Date, b: Date): number;
}

const MINUTE_MS = 60_000;

const WALL_CLOCK: SlaClock = {
  add: (start, minutes) => new Date(start.getTime() + Math.round(minutes * MINUTE_MS)),
  between: (a, b) => (b.getTime() - a.getTime()) / MINUTE_MS,
};

function slaClock(priority: TicketPriority, cal: BusinessCalendar): SlaClock {
  if (SLA_POLICY[priority].clock === "calendar") return WALL_CLOCK;
  return {
    add: (start, minutes) => addBusinessMinutes(start, minutes, cal),
    between: (a, b) => businessMinutesBetween(a, b, cal),
  };
}

/** The target as minutes on the priority's clock, counted from creation. */
export function targetMinutes(
  priority: TicketPriority,
  kind: SlaKind,
  createdAt: Date,
  cal: BusinessCalendar,
): number {
  const policy = SLA_POLICY[priority];
  const target = kind === "first_response" ? policy.firstResponse : policy.resolution;
  if ("minutes" in target) return target.minutes;
  return businessMinutesBetween(createdAt, endOfNextBusinessDay(createdAt, cal), cal);
}

export interface BreachEscalation {
  readonly bumpPriorityTo: TicketPriority | null;
}

const ONE_LEVEL_UP: Readonly<Record<TicketPriority, TicketPriority | null>> = {
  P1: null,
  P2: "P1",
  P3: "P2",
  P4: "P3",
};

/**
 * Every breach goes to the team lead queue (the caller raises escalationLevel). Only a resolution
 * breach also raises the priority one level, because a late first reply says nothing about how hard
 * the problem is; P1 has nowhere to go, so it gets null rather than "P1".
 */
export function escalationForBreach(priority: TicketPriority, kind: SlaKind): BreachEscalation {
  return { bumpPriorityTo: kind === "resolution" ? ONE_LEVEL_UP[priority] : null };
}

export interface PausedInterval {
  readonly from: Date;
  readonly to: Date;
}

/** What the SLA needs to know about a ticket; a plain projection of the Ticket row and its history. */
export interface SlaState {
  readonly createdAt: Date;
  readonly priority: TicketPriority;
  /**
   * Finished pending periods (and, if the clock should not run there, resolved-then-reopened periods).
   * Kept as intervals, not a total, so business-hours clocks can measure them.
   */
  readonly pausedIntervals: readonly PausedInterval[];
  /** Start of the current pending period; null while the clock runs. */
  readonly pausedAt: Date | null;
  readonly firstRespondedAt: Date | null;
  readonly resolvedAt: Date | null;
}

export interface SlaDeadlines {
  readonly firstResponseDueAt: Date;
  readonly resolutionDueAt: Date;
}

interface SlaTargetStatus {
  readonly dueAt: Date;
  readonly breached: boolean;
  readonly met: boolean;
  /** Active clock time used, in % of the target; goes past 100 once breached. */
  readonly percentElapsed: number;
}

export interface SlaStatus {
  readonly firstResponse: SlaTargetStatus;
  readonly resolution: SlaTargetStatus;
  readonly paused: boolean;
  readonly atRisk: boolean;
}

type Span = readonly [from: number, to: number];

// Resolving answers the customer, so a ticket resolved without a recorded reply has met (or missed)
// its first response at the moment of resolution.
function stoppedAt(state: SlaState, kind: SlaKind): Date | null {
  return kind === "first_response" ? (state.firstRespondedAt ?? state.resolvedAt) : state.resolvedAt;
}

// The open pause counts up to `now`, i.e. the deadline is the one the ticket would have if it resumed
// now; without `now` it counts as zero length, the earliest the deadline can still become. Pauses after
// a target stopped are ignored so that a met or missed deadline stays put.
function pauseSpans(state: SlaState, stop: Date | null, now: Date | undefined): Span[] {
  const spans: Span[] = state.pausedIntervals.map(({ from, to }) => {
    if (to.getTime() < from.getTime()) {
      throw new RangeError(
        `Paused interval ends before it starts: ${from.toISOString()}..${to.toISOString()}`,
      );
    }
    return [from.getTime(), to.getTime()];
  });
  if (state.pausedAt !== null) {
    const pausedAt = state.pausedAt.getTime();
    spans.push([pausedAt, Math.max(pausedAt, now?.getTime() ?? pausedAt)]);
  }
  const lower = state.createdAt.getTime();
  const upper = stop?.getTime() ?? Number.POSITIVE_INFINITY;
  const clipped = spans
    .map(([from, to]): Span => [Math.max(from, lower), Math.min(to, upper)])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of clipped) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

// Walks the running stretches between pauses until the target's clock minutes are used up, so a
// pause only pushes the deadline out if it began before the deadline was reached.
function dueAt(clock: SlaClock, createdAt: Date, target: number, spans: readonly Span[]): Date {
  let cursor = createdAt;
  let remaining = target;
  for (const [from, to] of spans) {
    const candidate = clock.add(cursor, remaining);
    if (candidate.getTime() <= from) return candidate;
    remaining -= clock.between(cursor, new Date(from));
    cursor = new Date(to);
  }
  return clock.add(cursor, remaining);
}

function activeMinutes(clock: SlaClock, createdAt: Date, until: Date, spans: readonly Span[]): number {
  if (until.getTime() <= createdAt.getTime()) return 0;
  let total = clock.between(createdAt, until);
  for (const [from, to] of spans) {
    if (from >= until.getTime()) break;
    total -= clock.between(new Date(from), new Date(Math.min(to, until.getTime())));
  }
  return total;
}

function deadline(state: SlaState, cal: BusinessCalendar, kind: SlaKind, now: Date | undefined): Date {
  const clock = slaClock(state.priority, cal);
  const spans = pauseSpans(state, stoppedAt(state, kind), now);
  return dueAt(clock, state.createdAt, targetMinutes(state.priority, kind, state.createdAt, cal), spans);
}

/**
 * Both deadlines with pending time pushed out. While paused, pass `now` to get the deadlines as if the
 * ticket resumed now; they move forward for as long as the pause lasts.
 */
export function computeSlaDeadlines(state: SlaState, cal: BusinessCalendar, now?: Date): SlaDeadlines {
  return {
    firstResponseDueAt: deadline(state, cal, "first_response", now),
    resolutionDueAt: deadline(state, cal, "resolution", now),
  };
}

function targetStatus(state: SlaState, cal: BusinessCalendar, kind: SlaKind, now: Date): SlaTargetStatus {
  const clock = slaClock(state.priority, cal);
  const stop = stoppedAt(state, kind);
  const spans = pauseSpans(state, stop, now);
  const target = targetMinutes(state.priority, kind, state.createdAt, cal);
  const due = dueAt(clock, state.createdAt, target, spans);
  const elapsed = activeMinutes(clock, state.createdAt, stop ?? now, spans);
  return {
    dueAt: due,
    met: stop !== null && stop.getTime() <= due.getTime(),
    breached: (stop ?? now).getTime() > due.getTime(),
    percentElapsed: (elapsed / target) * 100,
  };
}

export function slaStatus(state: SlaState, cal: BusinessCalendar, now: Date): SlaStatus {
  const firstResponse = targetStatus(state, cal, "first_response", now);
  const resolution = targetStatus(state, cal, "resolution", now);
  const atRisk = [firstResponse, resolution].some(
    (t) => !t.met && !t.breached && t.percentElapsed >= AT_RISK_THRESHOLD * 100,
  );
  return { firstResponse, resolution, paused: state.pausedAt !== null, atRisk };
}

/**
 * The earliest deadline of a target that has not stopped yet (missed ones included, so breached
 * tickets sort first); null once both have stopped. Paused tickets sort by their as-if-resumed-now date.
 */
export function nextSlaDeadline(state: SlaState, cal: BusinessCalendar, now?: Date): Date | null {
  const open = (["first_response", "resolution"] as const).filter((kind) => stoppedAt(state, kind) === null);
  const dates = open.map((kind) => deadline(state, cal, kind, now).getTime());
  return dates.length === 0 ? null : new Date(Math.min(...dates));
}

/**
 * When the earliest running target reaches AT_RISK_THRESHOLD of its clock time (past or future); null while
 * paused, because the clock is stopped, and once both targets have stopped.
 */
export function nextAtRiskAt(state: SlaState, cal: BusinessCalendar): Date | null {
  if (state.pausedAt !== null) return null;
  const clock = slaClock(state.priority, cal);
  const open = (["first_response", "resolution"] as const).filter((kind) => stoppedAt(state, kind) === null);
  const dates = open.map((kind) => {
    const target = AT_RISK_THRESHOLD * targetMinutes(state.priority, kind, state.createdAt, cal);
    return dueAt(clock, state.createdAt, target, pauseSpans(state, null, undefined)).getTime();
  });
  return dates.length === 0 ? null : new Date(Math.min(...dates));
}
