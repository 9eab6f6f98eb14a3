import type { TicketPriority, TicketStatus } from "../generated/enums.ts";
import { DAY_MS, HOUR_MS, MINUTE_MS, type Rng } from "./random.ts";
import { dateOrNull } from "./sql.ts";

// When a demo ticket was answered, resolved and closed, and the SLA fields that follow from it.
// Targets approximate business hours with wall-clock time; the SLA policy recomputes them later.

export const SLA_TARGET_MINUTES: Record<TicketPriority, { firstResponse: number; resolution: number }> = {
  P1: { firstResponse: 15, resolution: 4 * 60 },
  P2: { firstResponse: 30, resolution: 8 * 60 },
  P3: { firstResponse: 4 * 60, resolution: 24 * 60 },
  P4: { firstResponse: 24 * 60, resolution: 72 * 60 },
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
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  slaDueAt: Date | null;
  slaNextCheckAt: Date | null;
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

export function draftTicket(rng: Rng, createdAt: number, priority: TicketPriority): TicketDraft {
  const target = SLA_TARGET_MINUTES[priority];
  const responseShare = rng.chance(0.86) ? rng.range(0.05, 0.9) : rng.range(1.05, 3);
  const responseDelay = responseShare * target.firstResponse * MINUTE_MS;
  const resolveShare = rng.weighted<() => number>([
    [() => rng.range(0.02, 0.3), 70],
    [() => rng.range(0.3, 0.95), 22],
    [() => rng.range(1.05, 2), 7.6],
    [() => 40, 0.4],
  ])();
  const resolveDelay = Math.max(responseDelay + 2 * MINUTE_MS, resolveShare * target.resolution * MINUTE_MS);
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

/** Timestamps for the given status, squeezed to fit before `now` when the status was imposed. */
export function settleTicket(rng: Rng, draft: TicketDraft, status: TicketStatus, now: number): TicketTimes {
  const created = draft.createdAt;
  const age = now - created;
  const target = SLA_TARGET_MINUTES[draft.priority];
  const firstDue = created + target.firstResponse * MINUTE_MS;
  const resolutionDue = created + target.resolution * MINUTE_MS;
  const done = status === "resolved" || status === "closed";
  const active = !done;

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

  const firstBreach = breachAt(rng, firstDue, responded, now);
  const resolutionBreach = breachAt(rng, resolutionDue, resolved, now);

  let escalatedAt: number | null = null;
  let escalationLevel = 0;
  const worstBreach = resolutionBreach ?? firstBreach;
  if (worstBreach !== null && rng.chance(active ? 0.6 : 0.3)) {
    escalatedAt = Math.min(now, resolved ?? now, worstBreach + rng.range(1, 15) * MINUTE_MS);
    escalationLevel = draft.priority === "P1" && resolutionBreach !== null ? 2 : 1;
  }

  // Open deadlines still to watch: the first answer (if none yet), then resolution.
  const watch: number[] = [];
  if (active && responded === null && firstBreach === null) watch.push(firstDue);
  if (active && resolutionBreach === null) watch.push(resolutionDue);
  const slaDue = active ? (responded === null ? firstDue : resolutionDue) : null;
  const nextCheck = active && status !== "pending" && watch.length > 0 ? Math.min(...watch) : null;

  const lastChange = Math.max(
    created,
    responded ?? 0,
    resolved ?? 0,
    closed ?? 0,
    pausedAt ?? 0,
    escalatedAt ?? 0,
  );
  return {
    status,
    firstResponseDueAt: new Date(firstDue),
    resolutionDueAt: new Date(resolutionDue),
    slaDueAt: dateOrNull(slaDue),
    slaNextCheckAt: dateOrNull(nextCheck),
    slaPausedAt: dateOrNull(pausedAt),
    firstRespondedAt: dateOrNull(responded),
    firstResponseBreachedAt: dateOrNull(firstBreach),
    resolutionBreachedAt: dateOrNull(resolutionBreach),
    escalatedAt: dateOrNull(escalatedAt),
    escalationLevel,
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
