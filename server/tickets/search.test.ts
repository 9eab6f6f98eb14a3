import { describe, expect, it } from "vitest";
import { isCjkBigram, searchTerms } from "./search.ts";

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
});
