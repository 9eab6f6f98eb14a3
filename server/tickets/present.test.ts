import { describe, expect, it } from "vitest";
import { toQueueSummary } from "./present.ts";

describe("queue summary", () => {
  it("counts by status and derives the compliance rate", () => {
    const summary = toQueueSummary([
      { status: "new", total: 6, breached: 1 },
      { status: "open", total: 4, breached: 1 },
    ]);
    expect(summary).toEqual({
      total: 10,
      byStatus: { new: 6, open: 4, pending: 0, resolved: 0, closed: 0 },
      breached: 2,
      slaComplianceRate: 0.8,
    });
  });

  it("shows large counts as they are, with their rate", () => {
    const summary = toQueueSummary([
      { status: "open", total: 1_234_567, breached: 234_567 },
      { status: "closed", total: 5, breached: 0 },
    ]);
    expect(summary).toMatchObject({ total: 1_234_572, byStatus: { open: 1_234_567, closed: 5 } });
    expect(summary.slaComplianceRate).toBeCloseTo(1_000_005 / 1_234_572, 12);
  });

  it("has no rate without tickets", () => {
    expect(toQueueSummary([{ status: "new", total: 0, breached: 0 }]).slaComplianceRate).toBeNull();
  });
});
