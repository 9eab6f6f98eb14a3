import type { Db } from "../db/client.ts";
import { withOrderedScans } from "../db/ordered-scans.ts";
import { raw, type Sql } from "../db/sql.ts";
import type { Queryable, Tx } from "../db/transaction.ts";
import type { NextStep } from "../backbone/work-list.ts";

// The processing side of the inbox (InboundEvent): claims with per-key order and a lease, the normalised form,
// outcomes, and the counts the routes read. The edge inserts rows (hub/inbox-repository.ts); only this file
// changes them after that, besides the admin's replay and pause.

export interface ClaimedInbound {
  seq: bigint;
  receiptId: string;
  source: string;
  eventId: string;
  type: string;
  dataVersion: number;
  data: unknown;
  receivedAt: Date;
  /** Counts the attempt being handed out. */
  attempts: number;
  /** The source's current mapping version (1 for a source the console does not list). */
  mappingVersion: number;
  /** The trace the event came in with (the request's, or the event's own), continued by processing. */
  traceparent: string | null;
}

/** A row `i` the workers can take now: due, of a source not paused, and first of its ordering key. */
const CLAIMABLE = raw(`
  i.status = 'pending' AND i."availableAt" <= now()
  AND i.source <> ALL (ARRAY(SELECT key FROM "EventSource" WHERE status = 'paused'))
  AND NOT EXISTS (
        SELECT 1 FROM "InboundEvent" e
         WHERE e."orderingKey" = i."orderingKey" AND e.seq < i.seq AND e.status IN ('pending', 'held'))`);

/**
 * Takes up to `limit` due pending rows, leasing them for `leaseMs`. A row is taken only when no earlier row of
 * its ordering key is pending (waiting, leased or backing off) or held (its source paused), so one order's or
 * one restaurant's events are processed in the order they arrived, while different keys go in parallel. SKIP
 * LOCKED lets several workers and instances share the inbox. A paused source's rows are never taken, held or
 * not: the edge stores from a copy of the sources a few seconds old, and a retry can come due after the pause.
 */
export async function claimInbound(db: Db, limit: number, leaseMs: number): Promise<ClaimedInbound[]> {
  return withOrderedScans(
    db,
    (tx) => tx.$queryRaw<ClaimedInbound[]>`
      WITH due AS (
        SELECT i.seq
          FROM "InboundEvent" i
         WHERE ${CLAIMABLE}
         ORDER BY i.seq
         LIMIT ${limit}
         FOR UPDATE SKIP LOCKED
      ), claimed AS (
        UPDATE "InboundEvent" i
           SET attempts = i.attempts + 1, "availableAt" = now() + ${leaseMs} * interval '1 millisecond'
          FROM due
         WHERE i.seq = due.seq
        RETURNING i.seq, i."receiptId"::text AS "receiptId", i.source, i."eventId", i.type, i."dataVersion", i.data,
                  i."receivedAt", i.attempts, i.traceparent
      )
      SELECT c.*, coalesce(s."mappingVersion", 1) AS "mappingVersion"
        FROM claimed c LEFT JOIN "EventSource" s ON s.key = c.source
       ORDER BY c.seq`,
  );
}

/**
 * Rows whose held state disagrees with their source's status, set right: held rows of a source that is not
 * paused go back to the processing list, due rows of a paused one are held. The edge decides from a copy of the
 * sources up to 5 s old, so an event can arrive held just after its source resumed (and would wait for good) or
 * pending just after it paused; a retry of a paused source's row can come due too. Answers the rows moved.
 */
export async function settleHolds(db: Queryable): Promise<number> {
  const [row] = await db.$queryRaw<{ moved: number }[]>`
    WITH released AS (
      UPDATE "InboundEvent" i SET status = 'pending', "availableAt" = now()
       WHERE i.status = 'held'
         AND NOT EXISTS (SELECT 1 FROM "EventSource" s WHERE s.key = i.source AND s.status = 'paused')
      RETURNING 1
    ), held AS (
      UPDATE "InboundEvent" i SET status = 'held'
        FROM "EventSource" s
       WHERE s.status = 'paused' AND i.source = s.key AND i.status = 'pending' AND i."availableAt" <= now()
      RETURNING 1
    )
    SELECT ((SELECT count(*) FROM released) + (SELECT count(*) FROM held))::int AS moved`;
  return row?.moved ?? 0;
}

/** The row's normalised form, so the counts of later events (and this one's own) can read it. */
export async function saveNormalised(
  db: Db,
  seq: bigint,
  fields: { normalised: unknown; occurredAt: Date; cityCode: string | null },
): Promise<void> {
  await db.$executeRaw`
    UPDATE "InboundEvent"
       SET normalised = ${JSON.stringify(fields.normalised)}::jsonb, "occurredAt" = ${fields.occurredAt},
           "cityCode" = ${fields.cityCode}
     WHERE seq = ${seq}`;
}

/** routed or unrouted, with the decision; false when the row was no longer pending (another worker finished it). */
export async function markProcessed(
  tx: Tx,
  seq: bigint,
  status: "routed" | "unrouted",
  decision: unknown,
): Promise<boolean> {
  const count = await tx.$executeRaw`
    UPDATE "InboundEvent"
       SET status = ${status}, decision = ${JSON.stringify(decision)}::jsonb, "processedAt" = now(),
           "failureClass" = NULL, "lastError" = NULL
     WHERE seq = ${seq} AND status = 'pending'`;
  return count === 1;
}

/** A retry later, or a dead letter keeping the error and its class; false when the row was no longer pending. */
export async function markInboundFailed(
  tx: Queryable,
  seq: bigint,
  failure: { message: string; failureClass: string | null },
  next: NextStep,
): Promise<boolean> {
  const { message, failureClass } = failure;
  const count =
    next === "dead"
      ? await tx.$executeRaw`
          UPDATE "InboundEvent"
             SET status = 'dead', "lastError" = ${message}, "failureClass" = ${failureClass}, "processedAt" = now()
           WHERE seq = ${seq} AND status = 'pending'`
      : await tx.$executeRaw`
          UPDATE "InboundEvent"
             SET "lastError" = ${message}, "failureClass" = ${failureClass},
                 "availableAt" = now() + ${next.retryInMs} * interval '1 millisecond'
           WHERE seq = ${seq} AND status = 'pending'`;
  return count === 1;
}

// ── What the routes count ────────────────────────────────────────────────────

// Mapped rows that are, or are about to be, routed: a row still being processed is counted too, so two events
// of one bucket processed side by side each write a value that includes the other.
export const LIVE = ["pending", "routed"];

/** The subject roles whose events are counted per day (a consumer's cancellations, a courier's failures). */
export type CountedRole = "consumer" | "courier";

/**
 * A counted role's subject in the mapped event. Written into the statement, never bound: it is the expression of
 * the role's window index (migration 20261207094451), which a bound role would not match.
 */
export const subjectOf = (role: CountedRole): Sql => raw(`(normalised -> 'subjects' ->> '${role}')`);

/**
 * A city's 5-minute bucket of an indicator the hub feeds, from the inbox itself. kitchen_overloads: distinct
 * restaurants that reported an overloaded kitchen or rejected an order for it; delivery_failures: failed
 * deliveries.
 */
export async function bucketValue(
  db: Db,
  metric: "kitchen_overloads" | "delivery_failures",
  cityCode: string,
  bucketStart: Date,
  bucketEnd: Date,
): Promise<number> {
  const [row] =
    metric === "delivery_failures"
      ? await db.$queryRaw<{ value: bigint }[]>`
          SELECT count(*) AS value FROM "InboundEvent"
           WHERE type = 'DeliveryFailed' AND "occurredAt" >= ${bucketStart} AND "occurredAt" < ${bucketEnd}
             AND "cityCode" = ${cityCode} AND status = ANY(${LIVE})`
      : await db.$queryRaw<{ value: bigint }[]>`
          SELECT count(DISTINCT normalised #>> '{subjects,restaurant}') AS value FROM "InboundEvent"
           WHERE type IN ('KitchenOverloaded', 'OrderRejected')
             AND "occurredAt" >= ${bucketStart} AND "occurredAt" < ${bucketEnd}
             AND "cityCode" = ${cityCode} AND status = ANY(${LIVE})
             AND (type = 'KitchenOverloaded' OR normalised #>> '{details,reason}' = 'kitchen_overloaded')`;
  return Number(row?.value ?? 0);
}

/** occurredAt in epoch ms (the column holds UTC without a zone, which extract reads as UTC). */
export const EPOCH_MS = raw(`(extract(epoch FROM "occurredAt") * 1000)::float8`);

/** When (epoch ms) the mapped events of a type about one subject (consumer, courier …) occurred, within [from, until]. */
export async function occurrencesBySubject(
  db: Db,
  type: string,
  subject: { role: CountedRole; id: string },
  from: Date,
  until: Date,
): Promise<number[]> {
  const rows = await db.$queryRaw<{ at: number }[]>`
    SELECT ${EPOCH_MS} AS at FROM "InboundEvent"
     WHERE type = ${type} AND "occurredAt" >= ${from} AND "occurredAt" <= ${until} AND status = ANY(${LIVE})
       AND ${subjectOf(subject.role)} = ${subject.id}
     ORDER BY "occurredAt"
     LIMIT 1000`;
  return rows.map((row) => row.at);
}

/** Rows waiting to be processed (retries included), for the inbox depth gauge. */
export async function pendingInboundCount(db: Db): Promise<number> {
  const [row] = await withOrderedScans(
    db,
    (tx) => tx.$queryRaw<{ value: bigint }[]>`
      SELECT count(*) AS value FROM "InboundEvent" WHERE status = 'pending'`,
  );
  return Number(row?.value ?? 0);
}

/**
 * Since when the longest-waiting row the workers could take now has been due: since it arrived, or since a
 * replay or a resume made it due. Rows that wait on purpose are left out: held or paused, backing off after a
 * failure, or behind an earlier row of their key (that row's own wait counts). So replaying an old dead letter
 * or resuming a long pause reads as no lag. Read among the next 1,000 rows the workers would take, in their
 * order: readiness asks every few seconds, and a backlog can run to millions of rows.
 */
export async function oldestDueInboundAt(db: Db): Promise<Date | null> {
  const [row] = await withOrderedScans(
    db,
    (tx) => tx.$queryRaw<{ value: Date | null }[]>`
      SELECT min(a) AS value
        FROM (SELECT i."availableAt" AS a FROM "InboundEvent" i WHERE ${CLAIMABLE} ORDER BY i.seq LIMIT 1000) next`,
  );
  return row?.value ?? null;
}

// ── Ticket lookups for the order timeline routes ─────────────────────────────
// Reads of the tickets' tables that their services do not offer: which tickets are about an order, and whether
// one already carries an event's comment (the comment itself is written by the tickets service).

export async function openTicketsForOrder(
  db: Db,
  orderRef: string,
): Promise<{ id: string; number: number }[]> {
  return db.$queryRaw<{ id: string; number: number }[]>`
    SELECT id::text AS id, number FROM "Ticket"
     WHERE "orderRef" = ${orderRef} AND status <> 'closed'
     ORDER BY "createdAt", id
     LIMIT 5`;
}

export async function ticketHasCommentMarked(db: Db, ticketId: string, marker: string): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>`
    SELECT 1 FROM "TicketComment"
     WHERE "ticketId" = ${ticketId}::uuid AND strpos(body, ${marker}) > 0
     LIMIT 1`;
  return rows.length > 0;
}
