import { describe, expect, it } from "vitest";
import { assignmentReason } from "../../server/tickets/assignment-reason";
import { pickAssignee, type RoutingAgent } from "../../server/tickets/routing";
import { loadPercent, readAssignmentReason } from "./assignment-reason";

const agent = (id: string, extra: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id,
  skills: ["order_issue"],
  languages: ["ja"],
  capacity: 8,
  load: 0,
  onShift: true,
  lastAssignedAt: null,
  ...extra,
});

describe("a stored routing reason as the console reads it", () => {
  const decision = pickAssignee({ category: "order_issue", priority: "P2", language: "ja" }, [
    agent("a", { load: 3 }),
    agent("b", { load: 1 }),
    agent("c", { onShift: false }),
    agent("d", { load: 7 }),
  ]);
  const stored = JSON.parse(JSON.stringify(assignmentReason(decision))) as unknown;

  it("keeps every candidate compactly: eligible ones without why, the others with it", () => {
    expect(stored).toEqual({
      rule: "least_loaded",
      decidedBy: "load_ratio",
      weight: 3,
      candidates: [
        ["b", 1, 8],
        ["a", 3, 8],
        ["c", 0, 8, expect.any(String)],
        ["d", 7, 8, "would exceed capacity (7 + 3 > 8)"],
      ],
    });
  });

  it("reads each candidate's id, load, capacity and why, as it read the earlier object form", () => {
    const read = readAssignmentReason(stored)!;
    expect(read.candidates).toEqual([
      { id: "b", load: 1, capacity: 8 },
      { id: "a", load: 3, capacity: 8 },
      { id: "c", load: 0, capacity: 8, eligible: false, why: "off shift" },
      { id: "d", load: 7, capacity: 8, eligible: false, why: "would exceed capacity (7 + 3 > 8)" },
    ]);
    const earlier = { ...read, candidates: [{ userId: "e", load: 2, capacity: 8, loadRatio: 0.25 }] };
    expect(readAssignmentReason(earlier)!.candidates).toEqual([
      { id: "e", load: 2, capacity: 8, loadRatio: 0.25 },
    ]);
  });

  it("gives the load ratios routing compared, and eligibility, from the compact form", () => {
    const read = readAssignmentReason(stored)!;
    const percents = read.candidates!.map((candidate) => loadPercent(candidate, read.weight));
    expect(percents).toEqual(
      decision.reason.candidates.map((c) => (c.loadRatio === null ? null : Math.round(c.loadRatio * 100))),
    );
    expect(read.candidates!.map((c) => c.eligible !== false)).toEqual([true, true, false, false]);
  });
});
