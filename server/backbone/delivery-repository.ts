import type { Db } from "../db/client.ts";
import { withOrderedScans } from "../db/ordered-scans.ts";
import type { Tx } from "../db/transaction.ts";
import type { DeliveredEvent } from "../events/delivered-event.ts";
import type { EventType } from "../events/types.ts";

// The consumers' work list (EventDelivery). Only this file reads or writes it. A delivery is deleted once its
// consumer has handled it: the table holds what is still to do and the dead letters, so it stays small and its
// vacuum cheap at any traffic (the event itself stays in the log). Kept a week as 'done' rows, it grew by four
// rows per event, and every vacuum read all of it.

export interface ClaimedDelivery {
  consumer: string;
  eventSeq: bigint;
  attempts: number;
  event: DeliveredEvent;
  /** The trace the event was recorded in, continued by the consumer's span. */
  traceparent: string | null;
}

/**
 * Takes up to `limit` deliveries of a consumer that are due, leasing them for `leaseMs`. A delivery is taken only
 * when no earlier delivery of the same aggregate is still pending (waiting, leased or backing off), so one
 * aggregate's events reach the consumer in order while different aggregates go in parallel. SKIP LOCKED lets
 * several workers and instances share the list; the due check sits on the locked row, so a delivery another
 * worker leased since this statement's snapshot is re-checked and skipped.
 *
 * Each aggregate's head (its earliest pending delivery) is found in one pass over the pending rows: a join or a
 * probe per candidate ("no earlier pending row of this key") turns quadratic when the planner's row counts lag
 * behind a fast-growing backlog, as they do in a burst's first minute. The due heads are then locked by their row
 * address (ctid), read in the same statement, for the same reason: looked up by key, the planner was free to scan
 * the consumer's whole backlog instead, and with lagging row counts it did. A head changed since the statement's
 * snapshot has a new address, so it is skipped.
 *
 * The pass first reads only the backlog's oldest rows (SCAN_PER_CLAIM times the limit): every pending delivery
 * of a key in that prefix that comes before its first one there is older still, so the prefix's first row per
 * key is a true head. Reading the whole backlog on every claim made a claim's cost grow with the backlog. Only
 * when the prefix holds no due head (its keys all leased or backing off) is the whole backlog read, so one
 * stuck aggregate never hides the due work behind it.
 */
export async function claimDeliveries(
  db: Db,
  consumer: string,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const scan = limit * SCAN_PER_CLAIM;
  return withOrderedScans(db, async (tx) => {
    const first = await claimAmongOldest(tx, consumer, limit, leaseMs, scan);
    // A prefix shorter than `scan` was the whole backlog: reading it again would find the same nothing. That is
    // how every drain ends, so the second read is kept for a backlog that really runs past the prefix.
    if (first.claimed.length > 0 || first.scanned < scan) return first.claimed;
    return (await claimAmongOldest(tx, consumer, limit, leaseMs, null)).claimed;
  });
}

/** Pending rows read per claim, as a multiple of the claim's limit. */
const SCAN_PER_CLAIM = 4;

/**
 * claimDeliveries among the `scan` oldest pending deliveries (null: all of them), with how many pending rows it
 * read.
 */
async function claimAmongOldest(
  tx: Tx,
  consumer: string,
  limit: number,
  leaseMs: number,
  scan: number | null,
): Promise<{ claimed: ClaimedDelivery[]; scanned: number }> {
  const rows = await tx.$queryRaw<
    {
      scanned: number;
      consumer: string | null;
      eventSeq: bigint;
      attempts: number;
      id: string;
      type: EventType;
      aggregateType: string;
      aggregateId: string;
      payload: unknown;
      occurredAt: Date;
      correlationId: string;
      actorType: string;
      traceparent: string | null;
    }[]
  >`
    WITH oldest AS (
      SELECT ctid, "eventSeq", "aggregateKey", "availableAt"
        FROM "EventDelivery"
       WHERE consumer = ${consumer} AND status = 'pending'
       ORDER BY "eventSeq"
       LIMIT ${scan}::bigint
    ), heads AS (
      SELECT DISTINCT ON ("aggregateKey") ctid, "eventSeq", "availableAt"
        FROM oldest
       ORDER BY "aggregateKey", "eventSeq"
    ), due AS (
      SELECT d.ctid
        FROM "EventDelivery" d
       WHERE d.ctid = ANY(ARRAY(SELECT ctid FROM heads WHERE "availableAt" <= now()
                                 ORDER BY "eventSeq" LIMIT ${limit}))
         AND d.consumer = ${consumer} AND d.status = 'pending' AND d."availableAt" <= now()
       FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE "EventDelivery" d
         SET attempts = d.attempts + 1, "availableAt" = now() + ${leaseMs} * interval '1 millisecond'
        FROM due
       WHERE d.ctid = due.ctid
      RETURNING d.consumer, d."eventSeq", d.attempts
    )
    SELECT s.scanned, c.consumer, c."eventSeq", c.attempts, e.id::text AS id, e.type, e."aggregateType",
           e."aggregateId", e.payload, e."occurredAt", e."correlationId", e."actorType", e.traceparent
      FROM (SELECT count(*)::int AS scanned FROM oldest) s
      LEFT JOIN (claimed c JOIN "DomainEvent" e ON e.seq = c."eventSeq") ON true
     ORDER BY c."eventSeq"`;
  // With nothing claimed, the one row carries the count alone.
  const claimed = rows.flatMap(({ consumer: name, eventSeq, attempts, traceparent, ...row }) => {
    if (name === null) return [];
    const { id, type, aggregateType, aggregateId, payload, occurredAt, correlationId, actorType } = row;
    const event = { id, type, aggregateType, aggregateId, payload, occurredAt, correlationId, actorType };
    return [{ consumer: name, eventSeq, attempts, event: { ...event, seq: eventSeq }, traceparent }];
  });
  return { claimed, scanned: rows[0]?.scanned ?? 0 };
}

export async function markDelivered(db: Db, consumer: string, eventSeq: bigint): Promise<void> {
  await markDeliveredMany(db, consumer, [eventSeq]);
}

/**
 * A handled batch's deliveries done (deleted), in one statement. "Not dead" rather than "pending": so written,
 * only the primary key can serve it, never the partial index of pending rows, which a bitmap scan would walk
 * through every stale entry of (see db/ordered-scans.ts), and it needs no transaction of its own.
 */
export async function markDeliveredMany(
  db: Db,
  consumer: string,
  eventSeqs: readonly bigint[],
): Promise<void> {
  if (eventSeqs.length === 0) return;
  await db.$executeRaw`
    DELETE FROM "EventDelivery"
     WHERE consumer = ${consumer} AND "eventSeq" = ANY(${[...eventSeqs]}::bigint[]) AND status <> 'dead'`;
}

export async function markFailed(
  db: Db,
  consumer: string,
  eventSeq: bigint,
  error: string,
  next: { retryInMs: number } | "dead",
): Promise<void> {
  if (next === "dead") {
    await db.$executeRaw`
      UPDATE "EventDelivery" SET status = 'dead', "lastError" = ${error}, "completedAt" = now()
       WHERE consumer = ${consumer} AND "eventSeq" = ${eventSeq} AND status = 'pending'`;
    return;
  }
  await db.$executeRaw`
    UPDATE "EventDelivery"
       SET "lastError" = ${error}, "availableAt" = now() + ${next.retryInMs} * interval '1 millisecond'
     WHERE consumer = ${consumer} AND "eventSeq" = ${eventSeq} AND status = 'pending'`;
}

export interface ConsumerLag {
  consumer: string;
  pending: number;
  dead: number;
  oldestPendingAt: Date | null;
}

export async function consumerLag(db: Db): Promise<ConsumerLag[]> {
  const rows = await db.$queryRaw<
    { consumer: string; pending: bigint; dead: bigint; oldestPendingAt: Date | null }[]
  >`
    SELECT consumer,
           count(*) FILTER (WHERE status = 'pending') AS pending,
           count(*) FILTER (WHERE status = 'dead') AS dead,
           min("createdAt") FILTER (WHERE status = 'pending') AS "oldestPendingAt"
      FROM "EventDelivery"
     WHERE status IN ('pending', 'dead')
     GROUP BY consumer`;
  return rows.map((row) => ({ ...row, pending: Number(row.pending), dead: Number(row.dead) }));
}

export interface DeadLetter {
  consumer: string;
  eventSeq: bigint;
  eventId: string;
  eventType: string;
  aggregateKey: string;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
  occurredAt: Date;
}

export async function listDeadLetters(db: Db, limit: number): Promise<DeadLetter[]> {
  return db.$queryRaw<DeadLetter[]>`
    SELECT d.consumer, d."eventSeq", d."eventId"::text AS "eventId", d."eventType", d."aggregateKey", d.attempts,
           d."lastError", d."completedAt" AS "failedAt", d."createdAt" AS "occurredAt"
      FROM "EventDelivery" d
     WHERE d.status = 'dead'
     ORDER BY d."completedAt" DESC, d."eventSeq" DESC
     LIMIT ${limit}`;
}

/** Dead letters back to pending, due now with a fresh attempt count; returns the ones that were dead. */
export async function reviveDeadLetters(
  tx: Tx,
  keys: readonly { consumer: string; eventSeq: bigint }[],
): Promise<{ consumer: string; eventSeq: bigint; eventType: string; aggregateKey: string }[]> {
  if (keys.length === 0) return [];
  return tx.$queryRaw`
    UPDATE "EventDelivery" d
       SET status = 'pending', attempts = 0, "availableAt" = now(), "completedAt" = NULL
      FROM unnest(${keys.map((key) => key.consumer)}::text[], ${keys.map((key) => key.eventSeq)}::bigint[])
           AS k(consumer, seq)
     WHERE d.consumer = k.consumer AND d."eventSeq" = k.seq AND d.status = 'dead'
    RETURNING d.consumer, d."eventSeq", d."eventType", d."aggregateKey"`;
}
