import type { TicketPriority, TicketStatus } from "../db/generated/enums.ts";
import { slaStateOf, storedSla, type SlaColumns } from "../tickets/sla-fields.ts";
import { computeSlaDeadlines, escalationForBreach } from "../tickets/sla-policy.ts";
import type { BusinessCalendar } from "../tickets/types.ts";
import { DAY_MS, HOUR_MS, MINUTE_MS, type Rng } from "./random.ts";
import { BUSINESS_CALENDAR, JAPANESE_HOLIDAYS } from "./reference.ts";
import { dateOrNull } from "./sql.ts";

// When a demo ticket was answered, resolved and closed, and the SLA fields that follow from it: the real SLA
// policy on the seed's Japanese business calendar, with breaches and escalations as the sweep records them.

/** One object for the whole seed: the calendar arithmetic caches its business windows per calendar object. */
export const SEED_CALENDAR: BusinessCalendar = {
  timezone: BUSINESS_CALENDAR.timezone,
  dayStartMin: BUSINESS_CALENDAR.dayStartMin,
  dayEndMin: BUSINESS_CALENDAR.dayEndMin,
  workDays: BUSINESS_CALENDAR.workDays,
  holidays: JAPANESE_HOLIDAYS.map(([date]) => date),
};

/** How long this ticket would naturally take, in ms after creation. */
export interface TicketDraft {
  createdAt: number;
  priority: TicketPriority;
  responseDelay: number;
  resolveDelay: number;
  closeDelay: number;
  waitsOnRequester: boolean;
}

export interface TicketTimes {
  status: TicketStatus;
  /** The created priority, or one level up after a resolution breach the sweep escalated. */
  priority: TicketPriority;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  slaDueAt: Date | null;
  slaNextCheckAt: Date | null;
  slaAtRiskAt: Date | null;
  slaPausedAt: Date | null;
  firstRespondedAt: Date | null;
  firstResponseBreachedAt: Date | null;
  resolutionBreachedAt: Date | null;
  escalatedAt: Date | null;
  escalationLevel: number;
  resolvedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
}

function untouchedSla(createdAt: number, priority: TicketPriority) {
  const state = {
    createdAt: new Date(createdAt),
    priority,
    pausedIntervals: [],
    pausedAt: null,
    firstRespondedAt: null,
    resolvedAt: null,
  };
  return computeSlaDeadlines(state, SEED_CALENDAR);
}

/** Delays drawn as shares of the ticket's real SLA windows, so breach rates look like a working team's. */
export function draftTicket(rng: Rng, createdAt: number, priority: TicketPriority): TicketDraft {
  const due = untouchedSla(createdAt, priority);
  const responseWindow = due.firstResponseDueAt.getTime() - createdAt;
  const resolutionWindow = due.resolutionDueAt.getTime() - createdAt;
  const responseShare = rng.chance(0.86) ? rng.range(0.05, 0.9) : rng.range(1.05, 3);
  const responseDelay = responseShare * responseWindow;
  const resolveShare = rng.weighted<() => number>([
    [() => rng.range(0.02, 0.3), 70],
    [() => rng.range(0.3, 0.95), 22],
    [() => rng.range(1.05, 2), 7.6],
    [() => 40, 0.4],
  ])();
  const resolveDelay = Math.max(responseDelay + 2 * MINUTE_MS, resolveShare * resolutionWindow);
  const closeDelay = rng.range(1, 3) * DAY_MS;
  return { createdAt, priority, responseDelay, resolveDelay, closeDelay, waitsOnRequester: rng.chance(0.4) };
}

export function naturalStatus(draft: TicketDraft, now: number): TicketStatus {
  const age = now - draft.createdAt;
  if (draft.responseDelay > age) return "new";
  if (draft.resolveDelay > age) return draft.waitsOnRequester ? "pending" : "open";
  return draft.resolveDelay + draft.closeDelay > age ? "resolved" : "closed";
}

/** The sweep notices a passed deadline within a few minutes, or the answer itself records it. */
function breachAt(rng: Rng, due: number, metAt: number | null, now: number): number | null {
  if ((metAt ?? now) <= due) return null;
  const noticed = due + rng.range(0.2, 5) * MINUTE_MS;
  if (metAt !== null) return Math.min(noticed, metAt);
  return noticed <= now ? noticed : null;
}

interface Breach {
  at: number | null;
  /** When the target stopped (answer or resolution), null while it runs. */
  stop: number | null;
}

const noticedBySweep = (b: Breach): b is { at: number; stop: number | null } =>
  b.at !== null && (b.stop === null || b.at < b.stop);

/**
 * Breaches the sweep noticed before the target stopped were escalated (one level each, and a resolution
 * breach raised the priority); a breach recorded by the late answer itself was not.
 */
function sweepEscalation(priority: TicketPriority, firstResponse: Breach, resolution: Breach) {
  const noticed = [firstResponse, resolution].filter(noticedBySweep).map((b) => b.at);
  return {
    level: noticed.length,
    escalatedAt: noticed.length === 0 ? null : Math.max(...noticed),
    priority: noticedBySweep(resolution)
      ? (escalationForBreach(priority, "resolution").bumpPriorityTo ?? priority)
      : priority,
  };
}

/** Timestamps for the given status, squeezed to fit before `now` when the status was imposed. */
export function settleTicket(rng: Rng, draft: TicketDraft, status: TicketStatus, now: number): TicketTimes {
  const created = draft.createdAt;
  const age = now - created;
  const done = status === "resolved" || status === "closed";

  // Offsets after creation; the draft's own delays when they fit before `now`, squeezed otherwise.
  const resolveOffset = done ? (draft.resolveDelay <= age ? draft.resolveDelay : age * 0.8) : null;
  const respondLimit = resolveOffset ?? age;
  const respondOffset =
    status === "new" ? null : draft.responseDelay < respondLimit ? draft.responseDelay : respondLimit * 0.5;
  const responded = respondOffset === null ? null : created + respondOffset;
  const resolved = resolveOffset === null ? null : created + resolveOffset;
  const closed =
    status === "closed" && resolved !== null
      ? resolved + (resolved + draft.closeDelay <= now ? draft.closeDelay : (now - resolved) * 0.5)
      : null;
  const pausedAt =
    status === "pending" && responded !== null ? responded + (now - responded) * rng.range(0.1, 0.9) : null;

  const columns: SlaColumns = {
    createdAt: new Date(created),
    priority: draft.priority,
    slaPauses: [],
    slaPausedAt: dateOrNull(pausedAt),
    firstRespondedAt: dateOrNull(responded),
    resolvedAt: dateOrNull(resolved),
    firstResponseBreachedAt: null,
    resolutionBreachedAt: null,
  };
  const due = computeSlaDeadlines(slaStateOf(columns), SEED_CALENDAR, new Date(now));
  const firstBreach = breachAt(rng, due.firstResponseDueAt.getTime(), responded, now);
  const resolutionBreach = breachAt(rng, due.resolutionDueAt.getTime(), resolved, now);
  const sla = storedSla(
    {
      ...columns,
      firstResponseBreachedAt: dateOrNull(firstBreach),
      resolutionBreachedAt: dateOrNull(resolutionBreach),
    },
    SEED_CALENDAR,
    new Date(now),
    // Who takes the ticket is decided later (seedTickets); it applies the unassigned check then.
    false,
  );
  const escalation = sweepEscalation(
    draft.priority,
    { at: firstBreach, stop: responded },
    { at: resolutionBreach, stop: resolved },
  );
  const lastChange = Math.max(
    created,
    responded ?? 0,
    resolved ?? 0,
    closed ?? 0,
    pausedAt ?? 0,
    escalation.escalatedAt ?? 0,
  );
  return {
    status,
    priority: escalation.priority,
    firstResponseDueAt: sla.firstResponseDueAt,
    resolutionDueAt: sla.resolutionDueAt,
    slaDueAt: sla.slaDueAt,
    slaNextCheckAt: sla.slaNextCheckAt,
    slaAtRiskAt: sla.slaAtRiskAt,
    slaPausedAt: dateOrNull(pausedAt),
    firstRespondedAt: dateOrNull(responded),
    firstResponseBreachedAt: sla.firstResponseBreachedAt,
    resolutionBreachedAt: sla.resolutionBreachedAt,
    escalatedAt: dateOrNull(escalation.escalatedAt),
    escalationLevel: escalation.level,
    resolvedAt: dateOrNull(resolved),
    closedAt: dateOrNull(closed),
    updatedAt: new Date(Math.min(now, lastChange)),
  };
}

/** Creation instants over the last 30 days, denser at lunch and dinner (JST). */
export function sampleCreatedAt(rng: Rng, now: number): number {
  for (;;) {
    const t = now - rng.next() * 30 * DAY_MS;
    const jstHour = ((t + 9 * HOUR_MS) % DAY_MS) / HOUR_MS;
    if (rng.next() < ticketRhythm(jstHour)) return Math.floor(t);
  }
}

function ticketRhythm(hour: number): number {
  const bump = (center: number, width: number) => Math.exp(-((hour - center) ** 2) / (2 * width * width));
  return Math.min(1, 0.12 + 0.7 * bump(13, 1.5) + 0.9 * bump(20, 2) + 0.25 * bump(10, 2));
}
