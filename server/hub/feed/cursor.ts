import { AppError } from "../../lib/errors.ts";

// Where a reader of the feed stands: the last event it was served, as (transaction id, seq). Opaque to callers.

export interface FeedPosition {
  /** The writing transaction's id (xid8) in decimal: it can exceed 2^53, so it stays a string. */
  txid: string;
  seq: bigint;
}

/** Before every event: where a reader without a cursor starts. */
export const FEED_START: FeedPosition = { txid: "0", seq: 0n };

const POSITION = /^(\d{1,20}):(\d{1,20})$/;

export function encodeFeedCursor(position: FeedPosition): string {
  return Buffer.from(`${position.txid}:${position.seq}`).toString("base64url");
}

export function decodeFeedCursor(cursor: string): FeedPosition {
  const match = POSITION.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match || BigInt(match[1]!) >= 2n ** 64n || BigInt(match[2]!) >= 2n ** 63n) {
    throw new AppError("BAD_REQUEST", "after: is not a cursor returned by this feed.", {
      details: { field: "after" },
    });
  }
  return { txid: match[1]!, seq: BigInt(match[2]!) };
}
