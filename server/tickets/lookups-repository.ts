import { Prisma } from "../db/generated/client.ts";
import type { Db } from "../db/client.ts";
import type { TeamScope } from "./access.ts";
import { loadOf } from "./routing-repository.ts";

// Saved views, presence heartbeats and the queue's filter options.

export function savedViewsOf(db: Db, userId: string, scope: string) {
  return db.savedView.findMany({
    where: { userId, scope },
    orderBy: { name: "asc" },
    select: { id: true, name: true, query: true, createdAt: true },
  });
}

export function upsertSavedView(
  db: Db,
  userId: string,
  scope: string,
  name: string,
  query: Prisma.InputJsonObject,
) {
  return db.savedView.upsert({
    where: { userId_scope_name: { userId, scope, name } },
    create: { userId, scope, name, query },
    update: { query },
    select: { id: true, name: true, query: true, createdAt: true },
  });
}

export async function deleteSavedViewOf(db: Db, userId: string, id: string): Promise<boolean> {
  const { count } = await db.savedView.deleteMany({ where: { id, userId } });
  return count > 0;
}

export async function recordHeartbeat(db: Db, ticketId: string, userId: string, at: Date, staleBefore: Date) {
  await db.$transaction([
    db.ticketViewer.upsert({
      where: { ticketId_userId: { ticketId, userId } },
      create: { ticketId, userId, lastSeenAt: at },
      update: { lastSeenAt: at },
    }),
    db.ticketViewer.deleteMany({ where: { ticketId, lastSeenAt: { lt: staleBefore } } }),
  ]);
}

export async function viewersSince(db: Db, ticketId: string, since: Date) {
  const rows = await db.ticketViewer.findMany({
    where: { ticketId, lastSeenAt: { gte: since } },
    orderBy: { lastSeenAt: "desc" },
    select: { lastSeenAt: true, user: { select: { id: true, name: true } } },
  });
  return rows.map((row) => ({ id: row.user.id, name: row.user.name, lastSeenAt: row.lastSeenAt }));
}

/** Current viewers of several tickets of the given teams, for the queue's rows. */
export async function viewersOfTickets(db: Db, ticketIds: readonly string[], scope: TeamScope, since: Date) {
  const rows = await db.ticketViewer.findMany({
    where: {
      ticketId: { in: [...ticketIds] },
      lastSeenAt: { gte: since },
      ...(scope.all ? {} : { ticket: { teamId: { in: [...scope.teamIds] } } }),
    },
    orderBy: { lastSeenAt: "desc" },
    select: { ticketId: true, lastSeenAt: true, user: { select: { id: true, name: true } } },
  });
  return rows.map((row) => ({
    ticketId: row.ticketId,
    id: row.user.id,
    name: row.user.name,
    lastSeenAt: row.lastSeenAt,
  }));
}

export function ticketByNumber(db: Db, number: number) {
  return db.ticket.findUnique({ where: { number }, select: { id: true, teamId: true } });
}

export function ticketTeam(db: Db, ticketId: string) {
  return db.ticket.findUnique({ where: { id: ticketId }, select: { teamId: true } });
}

export async function filterOptionRows(db: Db, scope: TeamScope) {
  const teamWhere = scope.all ? {} : { id: { in: [...scope.teamIds] } };
  const [teams, agents, cities] = await Promise.all([
    db.team.findMany({
      where: teamWhere,
      orderBy: { key: "asc" },
      select: { id: true, key: true, name: true, nameJa: true },
    }),
    db.$queryRaw<{ id: string; name: string; teamId: string | null; load: number; capacity: number }[]>`
      SELECT u.id, u.name, u."teamId", ${loadOf("u.id")} AS load, p.capacity
        FROM "User" u JOIN "AgentProfile" p ON p."userId" = u.id
       WHERE u."disabledAt" IS NULL AND ${scope.all ? Prisma.sql`TRUE` : Prisma.sql`u."teamId" = ANY(${[...scope.teamIds]}::uuid[])`}
       ORDER BY u.name`,
    db.city.findMany({
      orderBy: { code: "asc" },
      select: { id: true, code: true, name: true, nameJa: true },
    }),
  ]);
  return { teams, agents, cities };
}
