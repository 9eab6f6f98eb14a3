import type { Queryable } from "../../db/transaction.ts";
import { FEED_SOURCE, type FeedPage, type FeedQuery, type OutboundEvent } from "./contract.ts";
import { decodeFeedCursor, encodeFeedCursor, FEED_START } from "./cursor.ts";
import { readSettledEvents, type FeedRow } from "./feed-repository.ts";

// The outbound feed: the console's own domain events for other units, as CloudEvents, resumable by cursor.

function toCloudEvent(row: FeedRow): OutboundEvent {
  return {
    specversion: "1.0",
    id: row.id,
    source: FEED_SOURCE,
    type: row.type,
    time: row.occurredAt.toISOString(),
    subject: `${row.aggregateType}/${row.aggregateId}`,
    datacontenttype: "application/json",
    data: row.payload,
    sequence: row.seq.toString().padStart(20, "0"),
    ...(row.traceparent ? { traceparent: row.traceparent } : {}),
  };
}

/**
 * The page after `after`: events whose transaction has settled, oldest transaction first and in seq order
 * within one. An event still being written is not skipped but waited for: it appears on a later read.
 */
export async function readEventFeed(db: Queryable, query: FeedQuery): Promise<FeedPage> {
  const after = query.after ? decodeFeedCursor(query.after) : FEED_START;
  const rows = await readSettledEvents(db, after, query.limit);
  const last = rows.at(-1);
  return {
    events: rows.map(toCloudEvent),
    next: encodeFeedCursor(last ? { txid: last.txid, seq: last.seq } : after),
  };
}
