import { z } from "zod";
import type { BusinessCalendar } from "./types.ts";
import {
  computeSlaDeadlines,
  nextAtRiskAt,
  nextSlaDeadline,
  slaStatus,
  type PausedInterval,
  type SlaState,
} from "./sla-policy.ts";

// Between the Ticket row's SLA columns and the pure SLA policy: which columns a change must write, and the
// SLA view the queue and detail show.

/** The SLA-relevant columns of a Ticket row. */
export interface SlaColumns {
  createdAt: Date;
  priority: SlaState["priority"];
  slaPauses: unknown;
  slaPausedAt: Date | null;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  firstResponseBreachedAt: Date | null;
  resolutionBreachedAt: Date | null;
}

const pausesSchema = z.array(z.object({ from: z.coerce.date(), to: z.coerce.date() }));

export function parsePauses(json: unknown): PausedInterval[] {
  return pausesSchema.parse(json);
}

export function pausesJson(pauses: readonly PausedInterval[]): { from: string; to: string }[] {
  return pauses.map((p) => ({ from: p.from.toISOString(), to: p.to.toISOString() }));
}

export function slaStateOf(row: SlaColumns): SlaState {
  return {
    createdAt: row.createdAt,
    priority: row.priority,
    pausedIntervals: parsePauses(row.slaPauses),
    pausedAt: row.slaPausedAt,
    firstRespondedAt: row.firstRespondedAt,
    resolvedAt: row.resolvedAt,
  };
}

/** The derived columns every SLA-affecting write stores. */
export interface StoredSla {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  slaDueAt: Date | null;
  slaNextCheckAt: Date | null;
  slaAtRiskAt: Date | null;
  firstResponseBreachedAt: Date | null;
  resolutionBreachedAt: Date | null;
}

/**
 * The next check of a ticket that waits unassigned and was not escalated for it yet: no later than the moment its
 * SLA nears (at risk), when the sweep escalates it to the team lead.
 */
export function withUnassignedCheck(nextCheck: Date | null, atRiskAt: Date | null): Date | null {
  if (nextCheck === null || atRiskAt === null) return nextCheck ?? atRiskAt;
  return atRiskAt.getTime() < nextCheck.getTime() ? atRiskAt : nextCheck;
}

/**
 * Recomputes the stored SLA columns. A target that stops late gets its breach recorded now (unless the sweep
 * already did); the sweep then only needs to look at the next unmarked deadline of a running clock, and, for a
 * ticket `waitingUnassigned` (no assignee, not escalated for it yet), at the moment its SLA nears.
 */
export function storedSla(
  row: SlaColumns,
  cal: BusinessCalendar,
  now: Date,
  waitingUnassigned: boolean,
): StoredSla {
  const state = slaStateOf(row);
  const deadlines = computeSlaDeadlines(state, cal, now);
  const firstStop = state.firstRespondedAt ?? state.resolvedAt;
  const lateStop = (stop: Date | null, due: Date, marked: Date | null) =>
    marked ?? (stop !== null && stop.getTime() > due.getTime() ? stop : null);
  const firstResponseBreachedAt = lateStop(
    firstStop,
    deadlines.firstResponseDueAt,
    row.firstResponseBreachedAt,
  );
  const resolutionBreachedAt = lateStop(
    state.resolvedAt,
    deadlines.resolutionDueAt,
    row.resolutionBreachedAt,
  );
  const unmarked: Date[] = [];
  if (firstStop === null && firstResponseBreachedAt === null) unmarked.push(deadlines.firstResponseDueAt);
  if (state.resolvedAt === null && resolutionBreachedAt === null) unmarked.push(deadlines.resolutionDueAt);
  const nextCheck =
    state.pausedAt !== null || unmarked.length === 0 ? null : Math.min(...unmarked.map((d) => d.getTime()));
  const deadlineCheck = nextCheck === null ? null : new Date(nextCheck);
  const atRiskAt = nextAtRiskAt(state, cal);
  return {
    ...deadlines,
    slaDueAt: nextSlaDeadline(state, cal, now),
    slaNextCheckAt: waitingUnassigned ? withUnassignedCheck(deadlineCheck, atRiskAt) : deadlineCheck,
    slaAtRiskAt: atRiskAt,
    firstResponseBreachedAt,
    resolutionBreachedAt,
  };
}

export interface SlaView {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  percentElapsed: number;
  paused: boolean;
  atRisk: boolean;
  atRiskAt: Date | null;
  dueAt: Date | null;
}

/** `slaDueAt` is the stored sort key, shown as is so the view always agrees with the queue's order. */
export function slaView(
  row: SlaColumns & { slaDueAt: Date | null },
  cal: BusinessCalendar,
  now: Date,
): SlaView {
  const state = slaStateOf(row);
  const status = slaStatus(state, cal, now);
  const firstRunning = state.firstRespondedAt === null && state.resolvedAt === null;
  const nearest = firstRunning ? status.firstResponse : status.resolution;
  return {
    firstResponseDueAt: status.firstResponse.dueAt,
    resolutionDueAt: status.resolution.dueAt,
    firstResponseBreached: row.firstResponseBreachedAt !== null || status.firstResponse.breached,
    resolutionBreached: row.resolutionBreachedAt !== null || status.resolution.breached,
    percentElapsed: Math.round(nearest.percentElapsed * 10) / 10,
    paused: status.paused,
    atRisk: status.atRisk,
    atRiskAt: nextAtRiskAt(state, cal),
    dueAt: row.slaDueAt,
  };
}
