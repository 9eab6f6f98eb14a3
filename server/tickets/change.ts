import type { PausedInterval } from "./sla-policy.ts";
import { pausesJson, parsePauses, storedSla, type SlaColumns, type StoredSla } from "./sla-fields.ts";
import { transition } from "./status.ts";
import type { BusinessCalendar, TicketCategory, TicketPriority, TicketStatus } from "./types.ts";

// What a change does to a ticket, as a pure function: the columns to write and the events to record, or the
// reason it is refused. The service runs it inside the version-checked transaction.

export interface TicketSnapshot extends SlaColumns {
  status: TicketStatus;
  category: TicketCategory;
  teamId: string;
  assigneeId: string | null;
  closedAt: Date | null;
  unassignedEscalatedAt: Date | null;
}

export interface RequestedChange {
  status?: TicketStatus;
  priority?: TicketPriority;
  category?: TicketCategory;
  /** The team owning the new category; the service looks it up. */
  teamId?: string;
  assigneeId?: string | null;
  /** A public reply is being posted with this change. */
  publicReply?: boolean;
}

interface TicketPatch extends StoredSla {
  status: TicketStatus;
  priority: TicketPriority;
  category: TicketCategory;
  teamId: string;
  assigneeId: string | null;
  slaPausedAt: Date | null;
  slaPauses: { from: string; to: string }[];
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

type PlannedEvent =
  | { type: "TicketStatusUpdated"; payload: { from: TicketStatus; to: TicketStatus } }
  | { type: "TicketResolved"; payload: { resolvedAt: string } }
  | { type: "TicketAssigned"; payload: { from: string | null; to: string | null; decidedBy: "manual" } }
  | { type: "TicketUpdated"; payload: { changes: Record<string, { from: string; to: string }> } };

export type ChangePlan =
  { ok: true; patch: TicketPatch; events: PlannedEvent[] } | { ok: false; reason: string };

function targetStatus(current: TicketSnapshot, change: RequestedChange): TicketStatus {
  if (change.status !== undefined) return change.status;
  return change.publicReply && current.status === "new" ? "open" : current.status;
}

/** Pause bookkeeping and stop times for a status move; the SLA clock does not run while pending or resolved. */
function statusEffects(current: TicketSnapshot, to: TicketStatus, now: Date) {
  const pauses: PausedInterval[] = parsePauses(current.slaPauses);
  let { slaPausedAt, resolvedAt, closedAt, firstRespondedAt } = current;
  if (to === current.status) return { pauses, slaPausedAt, resolvedAt, closedAt, firstRespondedAt };
  if (slaPausedAt !== null) {
    pauses.push({ from: slaPausedAt, to: now });
    slaPausedAt = null;
  }
  if (current.status === "resolved" && to === "open" && resolvedAt !== null) {
    pauses.push({ from: resolvedAt, to: now });
    resolvedAt = null;
  }
  if (to === "pending") slaPausedAt = now;
  if (to === "resolved") {
    resolvedAt = now;
    // Resolving answers the customer: the first response stops for good.
    firstRespondedAt ??= now;
  }
  if (to === "closed") closedAt = now;
  return { pauses, slaPausedAt, resolvedAt, closedAt, firstRespondedAt };
}

export function planChange(
  current: TicketSnapshot,
  change: RequestedChange,
  cal: BusinessCalendar,
  now: Date,
): ChangePlan {
  const to = targetStatus(current, change);
  const fieldChange =
    change.priority !== undefined || change.category !== undefined || change.assigneeId !== undefined;
  if (current.status === "closed" && (fieldChange || to !== "closed")) {
    return { ok: false, reason: "A closed ticket cannot be changed; create a follow-up ticket" };
  }
  if (to !== current.status) {
    const allowed = transition(current.status, to);
    if (!allowed.ok) return { ok: false, reason: allowed.reason };
  }
  const effects = statusEffects(current, to, now);
  const firstRespondedAt = change.publicReply ? (effects.firstRespondedAt ?? now) : effects.firstRespondedAt;
  const priority = change.priority ?? current.priority;
  const category = change.category ?? current.category;
  const teamId = change.teamId ?? current.teamId;
  const assigneeId = change.assigneeId === undefined ? current.assigneeId : change.assigneeId;
  const sla = storedSla(
    {
      ...current,
      priority,
      slaPauses: pausesJson(effects.pauses),
      slaPausedAt: effects.slaPausedAt,
      firstRespondedAt,
      resolvedAt: effects.resolvedAt,
    },
    cal,
    now,
    assigneeId === null && current.unassignedEscalatedAt === null,
  );
  const patch: TicketPatch = {
    ...sla,
    status: to,
    priority,
    category,
    teamId,
    assigneeId,
    slaPausedAt: effects.slaPausedAt,
    slaPauses: pausesJson(effects.pauses),
    firstRespondedAt,
    resolvedAt: effects.resolvedAt,
    closedAt: effects.closedAt,
  };
  return { ok: true, patch, events: plannedEvents(current, patch, now) };
}

function plannedEvents(current: TicketSnapshot, patch: TicketPatch, now: Date): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  if (patch.status !== current.status) {
    events.push({ type: "TicketStatusUpdated", payload: { from: current.status, to: patch.status } });
    if (patch.status === "resolved")
      events.push({ type: "TicketResolved", payload: { resolvedAt: now.toISOString() } });
  }
  const changes: Record<string, { from: string; to: string }> = {};
  if (patch.priority !== current.priority) changes.priority = { from: current.priority, to: patch.priority };
  if (patch.category !== current.category) changes.category = { from: current.category, to: patch.category };
  if (patch.teamId !== current.teamId) changes.teamId = { from: current.teamId, to: patch.teamId };
  if (Object.keys(changes).length > 0) events.push({ type: "TicketUpdated", payload: { changes } });
  if (patch.assigneeId !== current.assigneeId) {
    events.push({
      type: "TicketAssigned",
      payload: { from: current.assigneeId, to: patch.assigneeId, decidedBy: "manual" },
    });
  }
  return events;
}
