import type { Queryable } from "../../db/transaction.ts";
import type { DeadLettersFilter } from "./contract.ts";

// The admin screen's read model over the inbox. Window counts go through the (source, receivedAt) index one
// source at a time; the backlog (pending, held, dead) is small and found through the status index.

const PREVIEW_CHARS = 300;

export interface WindowStats {
  source: string;
  last15m: number;
  last24h: number;
  routed24h: number;
  unrouted24h: number;
  lastEventAt: Date | null;
}

export async function windowStats(
  db: Queryable,
  sources: readonly string[],
  now: Date,
): Promise<Map<string, WindowStats>> {
  const since15m = new Date(now.getTime() - 15 * 60_000);
  const since24h = new Date(now.getTime() - 24 * 3_600_000);
  const rows = await db.$queryRaw<
    {
      source: string;
      last15m: bigint;
      last24h: bigint;
      routed24h: bigint;
      unrouted24h: bigint;
      lastEventAt: Date | null;
    }[]
  >`
    SELECT k.source, w.last15m, w.last24h, w.routed24h, w.unrouted24h,
           (SELECT max(i."receivedAt") FROM "InboundEvent" i WHERE i.source = k.source) AS "lastEventAt"
      FROM unnest(${[...sources]}::text[]) AS k(source)
     CROSS JOIN LATERAL (
           SELECT count(*) FILTER (WHERE i."receivedAt" >= ${since15m}::timestamp) AS last15m,
                  count(*) AS last24h,
                  count(*) FILTER (WHERE i.status = 'routed') AS "routed24h",
                  count(*) FILTER (WHERE i.status = 'unrouted') AS "unrouted24h"
             FROM "InboundEvent" i
            WHERE i.source = k.source AND i."receivedAt" >= ${since24h}::timestamp) w`;
  return new Map(
    rows.map((row) => [
      row.source,
      {
        source: row.source,
        last15m: Number(row.last15m),
        last24h: Number(row.last24h),
        routed24h: Number(row.routed24h),
        unrouted24h: Number(row.unrouted24h),
        lastEventAt: row.lastEventAt,
      },
    ]),
  );
}

export interface BacklogRow {
  source: string;
  status: string;
  failureClass: string | null;
  count: number;
  /** Since when the group's longest-waiting due row has been due (null when none is due). */
  oldestDueAt: Date | null;
}

/** Waiting, held and dead rows per source, status and failure class, with the longest-due of each group. */
export async function backlog(db: Queryable): Promise<BacklogRow[]> {
  const rows = await db.$queryRaw<(Omit<BacklogRow, "count"> & { count: bigint })[]>`
    SELECT source, status, "failureClass", count(*) AS count,
           min("availableAt") FILTER (WHERE "availableAt" <= now()) AS "oldestDueAt"
      FROM "InboundEvent"
     WHERE status IN ('pending', 'held', 'dead')
     GROUP BY source, status, "failureClass"`;
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/** Requests the edge refused per source and failure class since `since` (EventSourceRefusal, hourly). */
export async function refusalsSince(
  db: Queryable,
  since: Date,
): Promise<{ source: string; failureClass: string; count: number }[]> {
  const rows = await db.$queryRaw<{ source: string; failureClass: string; count: bigint }[]>`
    SELECT source, "failureClass", sum(count) AS count FROM "EventSourceRefusal"
     WHERE hour >= date_trunc('hour', ${since}::timestamp)
     GROUP BY source, "failureClass"`;
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

export interface InboxRow {
  receiptId: string;
  seq: bigint;
  source: string;
  eventId: string;
  type: string;
  dataVersion: number;
  subject: string | null;
  time: Date | null;
  data: unknown;
  status: string;
  attempts: number;
  failureClass: string | null;
  lastError: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  payloadPreview: string;
  /** The source's current mapping version, which a replay reads the event with. */
  mappingVersion: number;
}

/**
 * Dead (or unrouted) rows, newest first, narrowed by source, type and failure class. An unrouted row's
 * lastError is the stored reason it was kept unrouted (its decision's why).
 */
export async function listReplayable(db: Queryable, filter: DeadLettersFilter): Promise<InboxRow[]> {
  return db.$queryRaw<InboxRow[]>`
    SELECT i."receiptId"::text AS "receiptId", i.seq, i.source, i."eventId", i.type, i."dataVersion", i.subject,
           i.time, i.data, i.status, i.attempts, i."failureClass",
           CASE WHEN i.status = 'unrouted' THEN i.decision ->> 'why' ELSE i."lastError" END AS "lastError",
           i."receivedAt", i."processedAt",
           left(i.data::text, ${PREVIEW_CHARS}) AS "payloadPreview", coalesce(s."mappingVersion", 1) AS "mappingVersion"
      FROM "InboundEvent" i LEFT JOIN "EventSource" s ON s.key = i.source
     WHERE i.status = ${filter.status}
       AND (${filter.source ?? null}::text IS NULL OR i.source = ${filter.source ?? null})
       AND (${filter.type ?? null}::text IS NULL OR i.type = ${filter.type ?? null})
       AND (${filter.failureClass ?? null}::text IS NULL OR i."failureClass" = ${filter.failureClass ?? null})
     ORDER BY i.seq DESC
     LIMIT ${filter.limit}`;
}

/** The named rows that are dead or unrouted (the statuses the receipt index holds), in receive order. */
export async function findReplayableRows(db: Queryable, receiptIds: readonly string[]): Promise<InboxRow[]> {
  return db.$queryRaw<InboxRow[]>`
    SELECT i."receiptId"::text AS "receiptId", i.seq, i.source, i."eventId", i.type, i."dataVersion", i.subject,
           i.time, i.data, i.status, i.attempts, i."failureClass", i."lastError", i."receivedAt", i."processedAt",
           left(i.data::text, ${PREVIEW_CHARS}) AS "payloadPreview", coalesce(s."mappingVersion", 1) AS "mappingVersion"
      FROM "InboundEvent" i LEFT JOIN "EventSource" s ON s.key = i.source
     WHERE i."receiptId" = ANY(${[...receiptIds]}::uuid[]) AND i.status IN ('dead', 'unrouted')
     ORDER BY i.seq`;
}

/** Rows this actor replayed since `since`: each replayed row is one InboundEventReplayed event. */
export async function replayedSince(db: Queryable, actorId: string, since: Date): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "DomainEvent"
     WHERE type = 'InboundEventReplayed' AND "actorId" = ${actorId} AND "occurredAt" >= ${since}::timestamp`;
  return Number(row?.n ?? 0);
}
