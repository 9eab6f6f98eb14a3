import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, levelsBelow } from "./list-cursor.ts";

describe("risk list cursor", () => {
  it("round-trips a position", () => {
    const position = { level: "high" as const, score: 77, id: "0190f5b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d" };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it("refuses foreign cursors as a bad request naming the cursor", () => {
    for (const cursor of [
      "abc",
      encodeCursor({ level: "low", score: 1, id: "x" }),
      Buffer.from("[1,2]").toString("base64url"),
    ]) {
      expect(() => decodeCursor(cursor)).toThrow(/cursor/);
    }
  });

  it("lists the levels that sort after a level", () => {
    expect(levelsBelow("critical")).toEqual(["low", "medium", "high"]);
    expect(levelsBelow("low")).toEqual([]);
  });
});
