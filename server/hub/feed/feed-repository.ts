import type { Queryable } from "../../db/transaction.ts";
import type { FeedPosition } from "./cursor.ts";

// Reads the domain event log for the outbound feed. Only this file queries DomainEvent for the feed.

export interface FeedRow {
  txid: string;
  seq: bigint;
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  traceparent: string | null;
}

/**
 * Events after `after` in (txid, seq) order, from settled transactions only. seq is taken at insert, so a
 * transaction that commits later can hold a lower seq (or a lower txid) than events already visible; reading
 * only events whose transaction is older than the oldest one still running (the statement snapshot's xmin)
 * means no event can ever appear behind the position a reader has reached: every transaction a reader has not
 * seen yet has a txid at or above that xmin, above every txid it was served.
 */
export async function readSettledEvents(
  db: Queryable,
  after: FeedPosition,
  limit: number,
): Promise<FeedRow[]> {
  return db.$queryRaw<FeedRow[]>`
    SELECT txid::text AS txid, seq, id::text AS id, type, "aggregateType", "aggregateId", payload, "occurredAt",
           traceparent
      FROM "DomainEvent"
     WHERE (txid, seq) > (${after.txid}::xid8, ${after.seq})
       AND txid < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY txid, seq
     LIMIT ${limit}`;
}
