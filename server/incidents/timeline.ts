import type { Db } from "../db/client.ts";
import { AppError } from "../lib/errors.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import type { MemberView, TimelineExport } from "./contract.ts";
import { findIncident, listMembers, listUpdates, timelineEvents, toSummary } from "./incident-repository.ts";

// An incident's timeline: its own events and its members' events, newest first, a note or status update reading
// as what the responder wrote. The room shows the latest of the first members; the export (the postmortem's first
// step) takes every member the room's limits allow, oldest first, so it reads as the story of the incident.

const AGGREGATE_OF = { ticket: "ticket", risk_case: "risk_case", alert: "alert" } as const;

/** Members and events an export follows at most: a 5,000-member incident is exported whole. */
const EXPORT_MEMBERS = 5_000;
const EXPORT_EVENTS = 10_000;

export async function timelineOf(
  db: Db,
  incidentId: string,
  members: readonly MemberView[],
  updates: readonly { id: string; visibility: string; body: string }[],
  limit: number,
) {
  const objects = [
    { aggregateType: "incident", aggregateId: incidentId },
    ...members.map((m) => ({ aggregateType: AGGREGATE_OF[m.kind], aggregateId: m.memberId })),
  ];
  const events = await timelineEvents(db, objects, limit);
  // A note's event names its update, not its text: the text comes from the update.
  const notes = new Map(updates.map((u) => [u.id, `${u.visibility}: ${u.body}`]));
  return events.map((e) => ({
    at: e.at,
    type: e.type,
    aggregateType: e.aggregateType,
    aggregateId: e.aggregateId,
    summary: summaryOf(e.payload, notes),
  }));
}

function summaryOf(payload: unknown, notes: ReadonlyMap<string, string>): string {
  if (!payload || typeof payload !== "object") return "";
  const p = payload as Record<string, unknown>;
  const note = typeof p.updateId === "string" ? notes.get(p.updateId) : undefined;
  if (note !== undefined) return note.slice(0, 200);
  const parts = [p.title, p.state, p.category, p.metric, p.reason].filter((v) => typeof v === "string");
  return parts.join(" · ").slice(0, 200);
}

/** The whole timeline for the postmortem, oldest first; `truncated` when the export's limits cut it. */
export async function incidentTimelineExport(
  db: Db,
  context: ServiceContext,
  id: string,
): Promise<TimelineExport> {
  requirePermission(context, "incidents:read");
  const incident = await findIncident(db, id);
  if (!incident) throw new AppError("NOT_FOUND", `id: no incident ${id}`);
  const [members, updates] = await Promise.all([
    listMembers(db, id, EXPORT_MEMBERS + 1),
    listUpdates(db, id),
  ]);
  const active = members.filter((m) => !m.removedAt);
  const followed = active.slice(0, EXPORT_MEMBERS);
  const entries = await timelineOf(db, id, followed, updates, EXPORT_EVENTS + 1);
  return {
    incident: toSummary(incident, active.length),
    entries: entries.slice(0, EXPORT_EVENTS).reverse(),
    truncated: members.length > EXPORT_MEMBERS || entries.length > EXPORT_EVENTS,
  };
}
