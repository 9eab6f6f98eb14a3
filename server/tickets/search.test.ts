import { describe, expect, it } from "vitest";
import { isCjkBigram, searchCondition, searchTerms, searchTextCondition } from "./search.ts";

describe("search terms", () => {
  it("splits on whitespace, drops repeats and keeps at most 8 terms", () => {
    expect(searchTerms("  配達  refund 配達 ")).toEqual(["配達", "refund"]);
    expect(searchTerms("a b c d e f g h i j")).toHaveLength(8);
  });

  it("knows which terms only the bigram index can serve", () => {
    expect(isCjkBigram("配達")).toBe(true);
    expect(isCjkBigram("ログ")).toBe(true);
    expect(isCjkBigram("ﾛｸﾞ")).toBe(true); // half-width kana normalize to 2 full-width characters
    expect(isCjkBigram("配達遅延")).toBe(false);
    expect(isCjkBigram("ok")).toBe(false);
    expect(isCjkBigram("配a")).toBe(false);
  });

  it("matches every term on the search row, the bigram index only for 2-character kana/kanji", () => {
    const condition = searchTextCondition("配達 refund 配達");
    expect(condition.values).toEqual(["配達", "配達", "refund"]);
    expect(condition.sql.match(/"bigrams" @>/g)).toHaveLength(1);
    expect(condition.sql.match(/"text" LIKE/g)).toHaveLength(2);
    expect(searchCondition("配達 refund").sql).toBe(
      `EXISTS (SELECT 1 FROM "TicketSearch" s WHERE s."ticketId" = t.id AND ${condition.sql})`,
    );
  });
});
