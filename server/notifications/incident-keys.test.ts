import { describe, expect, it } from "vitest";
import { decideKey } from "./incident-keys.ts";

describe("decideKey", () => {
  const open = { generation: 2, dedupKey: "ops-console:alert:a1:2", resolvedAt: null };
  const resolved = { ...open, resolvedAt: new Date("2026-12-06T14:10:00Z") };

  it("opens generation 1 on the first trigger", () => {
    expect(decideKey("trigger", null, "alert", "a1")).toEqual({
      kind: "open",
      generation: 1,
      dedupKey: "ops-console:alert:a1:1",
    });
  });
  it("triggers again on the open alert's key (PagerDuty dedups it)", () => {
    expect(decideKey("trigger", open, "alert", "a1")).toEqual({ kind: "use", dedupKey: open.dedupKey });
  });
  it("opens the next generation after a resolve", () => {
    expect(decideKey("trigger", resolved, "alert", "a1")).toEqual({
      kind: "open",
      generation: 3,
      dedupKey: "ops-console:alert:a1:3",
    });
  });
  it("acknowledges and resolves the current key, or nothing when never paged", () => {
    expect(decideKey("resolve", open, "alert", "a1")).toEqual({ kind: "use", dedupKey: open.dedupKey });
    expect(decideKey("acknowledge", null, "alert", "a1")).toEqual({ kind: "none" });
  });
});
