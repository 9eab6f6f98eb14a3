import type { Queryable } from "../db/transaction.ts";
import type { ChainedEntry } from "./chain.ts";

// Entries as the chain hashes them: each field rendered as text by PostgreSQL, exactly as in
// audit_log_entry_hash (to_char's format, jsonb's canonical text).
const ENTRY_COLUMNS = `seq::text AS seq,
  to_char("occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "occurredAt",
  "actorType", "actorId", action, "entityType", "entityId", "eventId"::text AS "eventId", "correlationId",
  details::text AS details, "prevHash", hash`;

/** One page of the chain after `afterSeq`, in seq order. */
export function readChainPage(db: Queryable, afterSeq: bigint, limit: number): Promise<ChainedEntry[]> {
  return db.$queryRawUnsafe<ChainedEntry[]>(
    `SELECT ${ENTRY_COLUMNS} FROM "AuditLog" WHERE seq > $1 ORDER BY "AuditLog".seq LIMIT $2`,
    afterSeq,
    limit,
  );
}

/** Entries that occurred in [from, to), in seq order, a page at a time. */
export function readPeriodPage(
  db: Queryable,
  period: { from: Date; to: Date },
  afterSeq: bigint,
  limit: number,
): Promise<ChainedEntry[]> {
  return db.$queryRawUnsafe<ChainedEntry[]>(
    `SELECT ${ENTRY_COLUMNS} FROM "AuditLog"
      WHERE "occurredAt" >= $1::timestamp AND "occurredAt" < $2::timestamp AND seq > $3 ORDER BY "AuditLog".seq LIMIT $4`,
    // occurredAt holds UTC without a zone: compare with UTC wall times, whatever the session's TimeZone.
    period.from.toISOString(),
    period.to.toISOString(),
    afterSeq,
    limit,
  );
}

export async function readChainHead(db: Queryable): Promise<{ seq: string; hash: string } | null> {
  const rows = await db.$queryRaw<{ seq: string; hash: string }[]>`
    SELECT seq::text AS seq, hash FROM "AuditChainHead" WHERE id = 1`;
  return rows[0] ?? null;
}

export async function readEntryHash(db: Queryable, seq: bigint): Promise<{ hash: string } | null> {
  const rows = await db.$queryRaw<{ hash: string }[]>`SELECT hash FROM "AuditLog" WHERE seq = ${seq}`;
  return rows[0] ?? null;
}
