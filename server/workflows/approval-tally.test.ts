import { describe, expect, it } from "vitest";
import { poolCanSatisfy, tallyApprovals } from "./approval-tally.ts";
import type { Approval, ApprovalMode } from "./runtime-types.ts";

const step = (
  ownerIds: string[],
  approvals: [by: string, forId?: string | null][],
  groups: { key: string; userIds: string[] }[] = [],
) => ({
  ownerIds,
  groups,
  approvals: approvals.map(([by, forId]): Approval => ({
    by,
    for: forId === undefined ? by : forId,
    via: forId === null ? "skip_level" : forId === undefined || forId === by ? "self" : "delegate",
    at: "2026-01-01T00:00:00Z",
  })),
});

const pool = ["a", "b", "c", "d"];
const groups = [
  { key: "risk", userIds: ["a", "b"] },
  { key: "city", userIds: ["c"] },
];

describe("tallyApprovals", () => {
  it.each<[string, ApprovalMode, ReturnType<typeof step>, boolean, number, number]>([
    ["any, none yet", { type: "any" }, step(pool, []), false, 0, 1],
    ["any, one", { type: "any" }, step(pool, [["a"]]), true, 1, 1],
    ["all, three of four", { type: "all" }, step(pool, [["a"], ["b"], ["c"]]), false, 3, 4],
    ["all, four of four", { type: "all" }, step(pool, [["a"], ["b"], ["c"], ["d"]]), true, 4, 4],
    ["2 of them, one", { type: "n_of", n: 2 }, step(pool, [["a"]]), false, 1, 2],
    ["2 of them, two", { type: "n_of", n: 2 }, step(pool, [["a"], ["d"]]), true, 2, 2],
    ["50 %, one of four", { type: "percent", percent: 50 }, step(pool, [["a"]]), false, 1, 2],
    ["50 %, two of four", { type: "percent", percent: 50 }, step(pool, [["a"], ["b"]]), true, 2, 2],
    [
      "75 % of three rounds up",
      { type: "percent", percent: 75 },
      step(["a", "b", "c"], [["a"], ["b"]]),
      false,
      2,
      3,
    ],
    [
      "per group, both from risk",
      { type: "per_group", groups: [] },
      step(["a", "b", "c"], [["a"], ["b"]], groups),
      false,
      1,
      2,
    ],
    [
      "per group, one from each",
      { type: "per_group", groups: [] },
      step(["a", "b", "c"], [["b"], ["c"]], groups),
      true,
      2,
      2,
    ],
    [
      "a delegate's answer counts for its owner",
      { type: "all" },
      step(["a", "b"], [["a"], ["x", "b"]]),
      true,
      2,
      2,
    ],
    ["skip-level settles any mode", { type: "all" }, step(pool, [["boss", null]]), true, 1, 1],
  ])("%s", (_label, mode, s, satisfied, approved, needed) => {
    expect(tallyApprovals(s, mode)).toEqual({ satisfied, approved, needed });
  });

  it("a minimum of two approvers counts persons: one delegate answering for two owners is one approver", () => {
    const oneDelegate = step(
      ["a", "b"],
      [
        ["x", "a"],
        ["x", "b"],
      ],
    );
    expect(tallyApprovals(oneDelegate, { type: "any" }, 2)).toEqual({
      satisfied: false,
      approved: 2,
      needed: 2,
    });
    expect(tallyApprovals(step(["a", "b"], [["a"], ["b"]]), { type: "any" }, 2).satisfied).toBe(true);
  });
});

describe("poolCanSatisfy", () => {
  it.each<[string, ApprovalMode, string[], number, boolean]>([
    ["any with nobody", { type: "any" }, [], 1, false],
    ["3 of 2 people", { type: "n_of", n: 3 }, ["a", "b"], 1, false],
    ["2 of 2 people", { type: "n_of", n: 2 }, ["a", "b"], 1, true],
    ["two approvers from one person", { type: "any" }, ["a"], 2, false],
  ])("%s", (_label, mode, owners, minimum, expected) => {
    expect(poolCanSatisfy({ ownerIds: owners, groups: [] }, mode, minimum)).toBe(expected);
  });

  it("per group needs someone in every group", () => {
    expect(
      poolCanSatisfy(
        {
          ownerIds: ["a"],
          groups: [
            { key: "x", userIds: ["a"] },
            { key: "y", userIds: [] },
          ],
        },
        { type: "per_group", groups: [] },
      ),
    ).toBe(false);
  });
});
