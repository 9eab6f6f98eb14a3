import { describe, expect, it } from "vitest";
import { isAppError } from "../../lib/errors.ts";
import { decodeFeedCursor, encodeFeedCursor, FEED_START } from "./cursor.ts";

describe("the feed cursor", () => {
  it("round-trips a position, a transaction id beyond 2^53 included", () => {
    const position = { txid: "18446744073709551615", seq: 9_007_199_254_740_993n };
    expect(decodeFeedCursor(encodeFeedCursor(position))).toEqual(position);
    expect(decodeFeedCursor(encodeFeedCursor(FEED_START))).toEqual(FEED_START);
  });

  it.each([
    ["not base64 of a position", "not-a-cursor"],
    ["a negative seq", Buffer.from("1:-2").toString("base64url")],
    ["a txid beyond xid8", Buffer.from("18446744073709551616:1").toString("base64url")],
    ["a seq beyond bigint", Buffer.from("1:9223372036854775808").toString("base64url")],
  ])("refuses %s as a 400 naming after", (_, cursor) => {
    try {
      decodeFeedCursor(cursor);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe("BAD_REQUEST");
      expect(isAppError(error) && error.details).toEqual({ field: "after" });
    }
  });
});
