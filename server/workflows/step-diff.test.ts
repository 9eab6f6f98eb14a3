import { describe, expect, it } from "vitest";
import { diffSteps } from "./step-diff.ts";
import { approvalStep, taskStep, template } from "./test-fixtures.ts";

const steps = (list: Record<string, unknown>[]) => template({ steps: list }).steps;

describe("diffSteps", () => {
  it("marks every step the same for identical versions", () => {
    const v = steps([taskStep("a"), approvalStep("b", { type: "any" })]);
    expect(diffSteps(v, v).map((r) => [r.key, r.change])).toEqual([
      ["a", "same"],
      ["b", "same"],
    ]);
  });

  it("names added, removed and changed steps and the fields that changed", () => {
    const before = steps([taskStep("a"), taskStep("gone"), approvalStep("b", { type: "any" })]);
    const after = steps([
      taskStep("a", { dueMinutes: 30 }),
      approvalStep("b", { type: "n_of", n: 2 }),
      taskStep("new"),
    ]);
    const rows = diffSteps(before, after);
    expect(rows.map((r) => [r.key, r.change, r.fields])).toEqual([
      ["a", "changed", ["dueMinutes"]],
      ["gone", "removed", []],
      ["b", "changed", ["mode"]],
      ["new", "added", []],
    ]);
    expect(rows[2]?.before?.position).toBe(3);
    expect(rows[2]?.after?.position).toBe(2);
  });

  it("tells a reordered step from one that only shifted because of an insertion", () => {
    const before = steps([taskStep("a"), taskStep("b"), taskStep("c")]);
    expect(
      diffSteps(before, steps([taskStep("x"), taskStep("a"), taskStep("b"), taskStep("c")])).map(
        (r) => r.change,
      ),
    ).toEqual(["added", "same", "same", "same"]);
    expect(
      diffSteps(before, steps([taskStep("b"), taskStep("a"), taskStep("c")])).map((r) => r.change),
    ).toEqual(["moved", "moved", "same"]);
  });
});
