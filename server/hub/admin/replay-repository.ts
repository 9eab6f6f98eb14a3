import type { Tx } from "../../db/transaction.ts";

// The admin's writes to the inbox: replays, and holding or releasing a paused source's events. Processing
// takes pending rows; these statements only move rows between the waiting states and never touch a leased one.

export interface RequeuedRow {
  receiptId: string;
  source: string;
  eventId: string;
  type: string;
  previousStatus: string;
  failureClass: string | null;
  lastError: string | null;
  status: string;
}

/**
 * Dead or unrouted rows back to the processing list, due now with a fresh attempt count (or once a newer event
 * of the same order in hand is done with, so the two never run side by side); a paused source's rows are held
 * instead, to go when it resumes. Returns the rows that were replayable.
 */
export async function requeue(tx: Tx, receiptIds: readonly string[]): Promise<RequeuedRow[]> {
  return tx.$queryRaw<RequeuedRow[]>`
    WITH was AS (
      SELECT i.seq, i.status, i."failureClass", i."lastError", s.status AS "sourceStatus"
        FROM "InboundEvent" i LEFT JOIN "EventSource" s ON s.key = i.source
       WHERE i."receiptId" = ANY(${[...receiptIds]}::uuid[]) AND i.status IN ('dead', 'unrouted')
       ORDER BY i.seq
         FOR UPDATE OF i)
    UPDATE "InboundEvent" i
       SET status = CASE WHEN was."sourceStatus" = 'paused' THEN 'held' ELSE 'pending' END,
           attempts = 0, "failureClass" = NULL, "lastError" = NULL, decision = NULL,
       -- Not before a newer event of its order now in hand (leased) or backing off is done with: the claim
       -- never takes a row while an earlier one of its key waits, but this one is earlier than those.
       "availableAt" = greatest(now(), (SELECT max(l."availableAt") FROM "InboundEvent" l
                                          WHERE l."orderingKey" = i."orderingKey" AND l.seq > i.seq
                                            AND l.status = 'pending')),
           "processedAt" = NULL
      FROM was
     WHERE i.seq = was.seq
    RETURNING i."receiptId"::text AS "receiptId", i.source, i."eventId", i.type, was.status AS "previousStatus",
              was."failureClass", was."lastError", i.status`;
}

/**
 * A paused source's due rows are held. A row whose availableAt is in the future is leased by a worker or backing
 * off after a failure (the inbox cannot tell which), so it is left to its worker rather than pulled from under it.
 */
export async function holdWaiting(tx: Tx, source: string): Promise<number> {
  return tx.$executeRaw`
    UPDATE "InboundEvent" SET status = 'held'
     WHERE source = ${source} AND status = 'pending' AND "availableAt" <= now()`;
}

/** A resumed source's held rows go back to the processing list; seq keeps their receive order. */
export async function releaseHeld(tx: Tx, source: string): Promise<number> {
  return tx.$executeRaw`
    UPDATE "InboundEvent" SET status = 'pending', "availableAt" = now()
     WHERE source = ${source} AND status = 'held'`;
}

/** Serialises one actor's replays for the rest of the transaction, so two calls cannot both use the same quota. */
export async function lockReplayQuota(tx: Tx, actorId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`hub-replay:${actorId}`}))`;
}
