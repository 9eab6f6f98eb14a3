import { describe, expect, it } from "vitest";
import { uuid7 } from "./uuid7.ts";

describe("uuid7", () => {
  it("is a version 7, variant 1 UUID whose first 48 bits are the time", () => {
    const at = Date.UTC(2026, 11, 6, 12, 0, 0, 123);
    const id = uuid7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at);
  });

  it("never repeats, across refills of its random pool", () => {
    const ids = Array.from({ length: 2_000 }, () => uuid7(0));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("sorts by time", () => {
    const earlier = uuid7(1_000);
    const later = uuid7(1_001);
    expect(earlier < later).toBe(true);
  });
});
