import type { Db } from "../db/client.ts";

// Everything that happened to one ticket, read in three small indexed queries.

export async function timelineRows(db: Db, ticketId: string) {
  const [comments, events, assignments] = await Promise.all([
    db.ticketComment.findMany({
      where: { ticketId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        createdAt: true,
        visibility: true,
        body: true,
        author: { select: { id: true, name: true } },
      },
    }),
    db.domainEvent.findMany({
      where: { aggregateType: "ticket", aggregateId: ticketId },
      orderBy: { seq: "asc" },
      select: { id: true, occurredAt: true, type: true, actorType: true, actorId: true, payload: true },
    }),
    db.ticketAssignment.findMany({
      where: { ticketId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, createdAt: true, decidedBy: true, reason: true, assigneeId: true },
    }),
  ]);
  return { comments, events, assignments };
}

/** Names of users and API clients by id, for the actors and assignees on a timeline. */
export async function namesOf(db: Db, userIds: readonly string[], clientIds: readonly string[]) {
  const [users, clients] = await Promise.all([
    userIds.length === 0
      ? []
      : db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }),
    clientIds.length === 0
      ? []
      : db.apiClient.findMany({ where: { id: { in: [...clientIds] } }, select: { id: true, name: true } }),
  ]);
  return new Map([...users, ...clients].map((row) => [row.id, row.name]));
}
