import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor.ts";

describe("queue cursor", () => {
  it("round-trips a dated and an undated position", () => {
    const dated = { dueAt: new Date("2026-03-09T01:00:00Z"), id: "0190f5b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d" };
    expect(decodeCursor(encodeCursor(dated))).toEqual(dated);
    const undated = { dueAt: null, id: dated.id };
    expect(decodeCursor(encodeCursor(undated))).toEqual(undated);
  });

  it("refuses anything else as BAD_REQUEST naming the cursor", () => {
    for (const bad of ["garbage", Buffer.from('{"d":null,"i":"x"}').toString("base64url"), ""]) {
      expect(() => decodeCursor(bad)).toThrow(/cursor/);
    }
  });
});
