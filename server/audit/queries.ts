import type { Db } from "../db/client.ts";

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  /** Return entries older than this sequence number (keyset pagination, newest first). */
  before?: bigint;
  limit: number;
}

// User ids are UUIDs; anything else in actorId (legacy or foreign ids) must not reach the uuid column's cast.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Names of the users who acted on one page of entries: one query for the whole page. */
async function userNamesFor(db: Db, rows: readonly { actorType: string; actorId: string | null }[]) {
  const ids = new Set<string>();
  for (const row of rows)
    if (row.actorType === "user" && row.actorId && UUID.test(row.actorId)) ids.add(row.actorId);
  if (ids.size === 0) return new Map<string, string>();
  const users = await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}

export async function listAuditEntries(db: Db, query: AuditQuery) {
  const rows = await db.auditLog.findMany({
    where: {
      entityType: query.entityType,
      entityId: query.entityId,
      seq: query.before === undefined ? undefined : { lt: query.before },
    },
    orderBy: { seq: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const names = await userNamesFor(db, page);
  return {
    items: page.map((row) => ({
      ...row,
      seq: row.seq.toString(),
      actorName: row.actorType === "user" && row.actorId ? (names.get(row.actorId) ?? null) : null,
    })),
    nextCursor: rows.length > query.limit && last ? last.seq.toString() : null,
  };
}
