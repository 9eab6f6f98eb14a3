import type { Db } from "../db/client.ts";

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  /** Return entries older than this sequence number (keyset pagination, newest first). */
  before?: bigint;
  limit: number;
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
  return {
    items: page.map((row) => ({ ...row, seq: row.seq.toString() })),
    nextCursor: rows.length > query.limit && last ? last.seq.toString() : null,
  };
}
