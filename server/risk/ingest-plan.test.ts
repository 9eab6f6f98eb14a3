import { describe, expect, it } from "vitest";
import type { SignalInput } from "./contract.ts";
import { planBatch, planCases } from "./ingest-plan.ts";
import { hoursAfter, T0 } from "./test-support.ts";

const signal = (id: string, subjectId: string, observedAt = T0): SignalInput => ({
  sourceEventId: id,
  type: "refund_abuse",
  subjectType: "consumer",
  subjectId,
  attributes: {},
  observedAt,
});

describe("planBatch", () => {
  it("groups by dedupe key in key order, oldest signal first, and notes repeats", () => {
    const batch = planBatch([
      signal("b2", "b", hoursAfter(2)),
      signal("a1", "a"),
      signal("b1", "b"),
      signal("a1", "a"),
    ]);
    expect([...batch.groups.keys()]).toEqual(["consumer:a:refund_abuse", "consumer:b:refund_abuse"]);
    expect(batch.groups.get("consumer:b:refund_abuse")?.map((i) => i.signal.sourceEventId)).toEqual([
      "b1",
      "b2",
    ]);
    expect([...batch.repeats]).toEqual([[3, 1]]);
  });

  it("refuses a sourceEventId reused for another subject, naming the field", () => {
    expect(() => planBatch([signal("x", "a"), signal("x", "b")])).toThrow(/signals\.1\.sourceEventId/);
  });
});

describe("planCases", () => {
  const key = "consumer:a:refund_abuse";
  const open = {
    id: "case-1",
    openKey: key,
    openedAt: T0,
    status: "open" as const,
    score: 40,
    level: "medium" as const,
    ruleSetVersion: 1,
    contributions: [],
  };
  const items = (...hours: number[]) =>
    hours.map((h, index) => ({ index, signal: signal(`s${h}`, "a", hoursAfter(h)) }));

  it("opens one case for a key without an open case", () => {
    const plan = planCases(key, null, items(0, 1, 2));
    expect(plan.works).toHaveLength(1);
    expect(plan.works[0]).toMatchObject({ existing: null, key });
    expect(plan.released).toBeNull();
  });

  it("joins the open case within its window, then opens a new one and releases the old key", () => {
    const plan = planCases(key, open, items(1, 200, 201));
    expect(plan.works.map((w) => [w.existing?.id ?? null, w.items.length])).toEqual([
      ["case-1", 1],
      [null, 2],
    ]);
    expect(plan.released).toBe("case-1");
  });
});
