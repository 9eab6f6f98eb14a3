import type { Queryable, Tx } from "../db/transaction.ts";
import { raw, sql, type Sql } from "../db/sql.ts";
import type { ArchivedTable, TableFamily } from "./families.ts";

// The retention job's statements. Rows leave the database as PostgreSQL's own JSON of the row (row_to_json):
// dates, numbers of any precision, arrays and json columns are written by the server and, at restore, read back
// by it (json_populate_recordset), so no value passes through a JavaScript number or Date on the way.

/** One run at a time works on the archive files: the lock is held by each chunk's transaction. */
const ARCHIVE_LOCK_KEY = 7_310_452;

export const CHUNK_AGGREGATE_TYPE = "retention_chunk";

export async function lockArchive(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ARCHIVE_LOCK_KEY}::bigint)`;
}

/** Whether a chunk's transaction committed: its RetentionApplied event is written in it. */
export async function chunkCommitted(db: Queryable, chunkId: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "DomainEvent"
       WHERE "aggregateType" = ${CHUNK_AGGREGATE_TYPE} AND "aggregateId" = ${chunkId}
    ) AS found`;
  return rows[0]?.found ?? false;
}

type KeyedFamily = Exclude<TableFamily["name"], "indicator_points" | "inbound_events">;

// Only closed work past the cutoff, untouched since it, and not linked to work that is still open.
function eligible(family: KeyedFamily, cutoff: Date): Sql {
  switch (family) {
    case "tickets":
      return sql`SELECT t.id::text AS id FROM "Ticket" t
                  WHERE t.status IN ('resolved', 'closed')
                    AND COALESCE(t."closedAt", t."resolvedAt") < ${cutoff}
                    AND t."updatedAt" < ${cutoff}
                    AND NOT EXISTS (
                      SELECT 1 FROM "RiskCaseTicketLink" l JOIN "RiskCase" c ON c.id = l."caseId"
                       WHERE l."ticketId" = t.id AND c.status <> 'closed')`;
    case "risk_cases":
      return sql`SELECT t.id::text AS id FROM "RiskCase" t
                  WHERE t.status = 'closed'
                    AND t."closedAt" < ${cutoff}
                    AND t."updatedAt" < ${cutoff}
                    AND NOT EXISTS (
                      SELECT 1 FROM "RiskCaseTicketLink" l JOIN "Ticket" k ON k.id = l."ticketId"
                       WHERE l."caseId" = t.id AND k.status NOT IN ('resolved', 'closed'))`;
    case "risk_signals":
      return sql`SELECT t.id::text AS id FROM "RiskSignal" t
                  WHERE t."caseId" IS NULL AND t."observedAt" < ${cutoff} AND t."receivedAt" < ${cutoff}`;
  }
}

/**
 * Locks up to `limit` roots past the cutoff, in key order. FOR UPDATE also holds back a new child row (its
 * foreign key check waits for the lock), so the children read next are all there are; SKIP LOCKED leaves roots
 * someone is working on to a later run.
 */
async function lockEligibleRoots(
  tx: Tx,
  family: KeyedFamily,
  cutoff: Date,
  limit: number,
): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    ${eligible(family, cutoff)} ORDER BY t.id LIMIT ${limit} FOR UPDATE OF t SKIP LOCKED`;
  return rows.map((row) => row.id);
}

/** Deletes the rows whose `column` is one of `ids` and returns each as a JSON line, exactly as it was. */
async function deleteReturningJson(
  tx: Tx,
  table: ArchivedTable,
  column: string,
  ids: readonly string[],
): Promise<string[]> {
  const rows = await tx.$queryRaw<{ line: string }[]>`
    DELETE FROM ${raw(`"${table}"`)} AS r WHERE r.${raw(`"${column}"`)} = ANY(${ids}::uuid[])
    RETURNING row_to_json(r.*)::text AS line`;
  return rows.map((row) => row.line);
}

/**
 * Deletes up to `limit` raw indicator points whose bucket started before the cutoff, as JSON lines. A point has
 * no uuid key, so the chunk is taken by row; SKIP LOCKED leaves a point an ingest is rewriting to a later run.
 */
async function deleteAgedIndicatorPoints(tx: Tx, cutoff: Date, limit: number): Promise<string[]> {
  const rows = await tx.$queryRaw<{ line: string }[]>`
    DELETE FROM "CityIndicator" AS r USING (
      SELECT "cityId", metric, "bucketStart" FROM "CityIndicator"
       WHERE "bucketStart" < ${cutoff}::timestamp LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ) AS aged
     WHERE r."cityId" = aged."cityId" AND r.metric = aged.metric AND r."bucketStart" = aged."bucketStart"
    RETURNING row_to_json(r.*)::text AS line`;
  return rows.map((row) => row.line);
}

/**
 * Deletes up to `limit` processed inbox rows received before the cutoff, as JSON lines. Rows still to process
 * (pending, held) stay whatever their age, and so does a row whose event happened after the cutoff (a sender's
 * clock ahead): the hub's counts read every row of their window. Each source's aged rows are read through its
 * (source, receivedAt) index, the sources themselves found by skipping through that index, so a run that finds
 * nothing left reads only the aged rows it keeps.
 */
async function deleteAgedInboundEvents(tx: Tx, cutoff: Date, limit: number): Promise<string[]> {
  const rows = await tx.$queryRaw<{ line: string }[]>`
    DELETE FROM "InboundEvent" AS r USING (
      SELECT aged.seq
        FROM (WITH RECURSIVE sources AS (
                SELECT min(source) AS source FROM "InboundEvent"
                UNION ALL
                SELECT (SELECT min(i.source) FROM "InboundEvent" i WHERE i.source > sources.source)
                  FROM sources WHERE sources.source IS NOT NULL)
              SELECT source FROM sources WHERE source IS NOT NULL) AS s
       CROSS JOIN LATERAL (
              SELECT i.seq FROM "InboundEvent" i
               WHERE i.source = s.source AND i."receivedAt" < ${cutoff}::timestamp
                 AND i.status IN ('routed', 'unrouted', 'dead')
                 AND (i."occurredAt" IS NULL OR i."occurredAt" < ${cutoff}::timestamp)
               ORDER BY i."receivedAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED) AS aged
       LIMIT ${limit}
    ) AS picked
     WHERE r.seq = picked.seq
    RETURNING row_to_json(r.*)::text AS line`;
  return rows.map((row) => row.line);
}

export interface DeletedChunk {
  /** Root rows taken (the chunk is full when this reaches the limit). */
  roots: number;
  /** Every deleted row as a JSON line, per table; tables with no rows are absent. */
  lines: Map<ArchivedTable, string[]>;
}

/** Deletes one chunk of a family past the cutoff, children before their roots, returning what it removed. */
export async function deleteChunk(
  tx: Tx,
  family: TableFamily,
  cutoff: Date,
  limit: number,
): Promise<DeletedChunk> {
  const lines = new Map<ArchivedTable, string[]>();
  if (family.name === "indicator_points" || family.name === "inbound_events") {
    const aged = await (
      family.name === "indicator_points" ? deleteAgedIndicatorPoints : deleteAgedInboundEvents
    )(tx, cutoff, limit);
    if (aged.length > 0) lines.set(family.root, aged);
    return { roots: aged.length, lines };
  }
  const ids = await lockEligibleRoots(tx, family.name, cutoff, limit);
  if (ids.length === 0) return { roots: 0, lines };
  for (const child of family.children) {
    const rows = await deleteReturningJson(tx, child.table, child.column, ids);
    if (rows.length > 0) lines.set(child.table, rows);
  }
  lines.set(family.root, await deleteReturningJson(tx, family.root, "id", ids));
  return { roots: ids.length, lines };
}
