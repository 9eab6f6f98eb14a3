import { describe, expect, it } from "vitest";
import { toQueueSummary } from "./present.ts";

describe("queue summary", () => {
  it("counts by status and derives the compliance rate", () => {
    const summary = toQueueSummary(
      [
        { status: "new", total: 6, breached: 1 },
        { status: "open", total: 4, breached: 1 },
      ],
      10_000,
    );
    expect(summary).toEqual({
      total: 10,
      byStatus: { new: 6, open: 4, pending: 0, resolved: 0, closed: 0 },
      breached: 2,
      capped: false,
      slaComplianceRate: 0.8,
    });
  });

  it("stops at the cap and then gives no rate", () => {
    const summary = toQueueSummary([{ status: "open", total: 101, breached: 3 }], 100);
    expect(summary).toMatchObject({
      total: 100,
      byStatus: { open: 100 },
      capped: true,
      slaComplianceRate: null,
    });
  });
});
