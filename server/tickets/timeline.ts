import type { Db } from "../db/client.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { seesTeam, teamScope, ticketNotFound } from "./access.ts";
import { teamById } from "./calendars.ts";
import type { TimelineEntry } from "./contract.ts";
import { toTicketDetail } from "./present.ts";
import { ticketByNumber } from "./lookups-repository.ts";
import { findTicket } from "./repository.ts";
import { namesOf, timelineRows } from "./timeline-repository.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function buildTimeline(db: Db, ticketId: string): Promise<TimelineEntry[]> {
  const { comments, events, assignments } = await timelineRows(db, ticketId);
  const userIds = new Set<string>();
  const clientIds = new Set<string>();
  for (const event of events) {
    if (event.actorId === null || !UUID.test(event.actorId)) continue;
    if (event.actorType === "user") userIds.add(event.actorId);
    if (event.actorType === "api_client") clientIds.add(event.actorId);
  }
  for (const assignment of assignments) if (assignment.assigneeId) userIds.add(assignment.assigneeId);
  const names = await namesOf(db, [...userIds], [...clientIds]);
  const named = (id: string | null) => (id === null ? null : { id, name: names.get(id) ?? "(unknown)" });

  const entries: TimelineEntry[] = [
    ...comments.map((c): TimelineEntry => ({
      kind: "comment",
      id: c.id,
      at: c.createdAt,
      author: c.author,
      visibility: c.visibility,
      body: c.body,
    })),
    ...events.map((e): TimelineEntry => ({
      kind: "event",
      id: e.id,
      at: e.occurredAt,
      type: e.type,
      actor: {
        type: e.actorType,
        id: e.actorId,
        name: e.actorId === null ? null : (names.get(e.actorId) ?? null),
      },
      payload: isRecord(e.payload) ? e.payload : { value: e.payload },
    })),
    ...assignments.map((a): TimelineEntry => ({
      kind: "assignment",
      id: a.id,
      at: a.createdAt,
      assignee: named(a.assigneeId),
      decidedBy: a.decidedBy,
      reason: a.reason,
    })),
  ];
  // Oldest first; at the same instant a change's reason and comment precede the events it produced, and
  // events keep their recorded order (the sort is stable and they were read by seq).
  const rank = { assignment: 0, comment: 1, event: 2 } as const;
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || rank[a.kind] - rank[b.kind]);
}

export async function getTicketWithTimeline(db: Db, context: ServiceContext, { id }: { id: string }) {
  const record = await findTicket(db, id);
  if (record === null || !seesTeam(teamScope(context), record.teamId)) throw ticketNotFound(id);
  const [team, timeline] = await Promise.all([teamById(db, record.teamId), buildTimeline(db, id)]);
  return { ticket: toTicketDetail(record, team.calendar, context.clock.now()), timeline };
}

/** The id behind a ticket number (links like /tickets/1042), for callers who may see the ticket. */
export async function ticketIdByNumber(db: Db, context: ServiceContext, { number }: { number: number }) {
  const row = await ticketByNumber(db, number);
  if (row === null || !seesTeam(teamScope(context), row.teamId)) throw ticketNotFound(`#${number}`);
  return { id: row.id };
}
