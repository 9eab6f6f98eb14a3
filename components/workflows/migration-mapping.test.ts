import { describe, expect, it } from "vitest";
import { mappingTargets, stepMappingOf, stepsToMap } from "./migration-mapping";

const v1 = [
  { key: "prepare", kind: "task" },
  { key: "approve", kind: "approval" },
];
const v2 = [
  { key: "prepare", kind: "task" },
  { key: "check", kind: "task" },
  { key: "sign_off", kind: "approval" },
];

describe("a migration's step mapping", () => {
  it("asks only about old steps the new version lacks, offering the steps new in it", () => {
    expect(stepsToMap(v1, v2).map((s) => s.key)).toEqual(["approve"]);
    expect(mappingTargets(v1, v2).map((s) => s.key)).toEqual(["check", "sign_off"]);
    expect(stepsToMap(v2, v2)).toEqual([]);
  });

  it("maps a chosen step to its target and drops one left without a choice", () => {
    const unmatched = stepsToMap([...v1, { key: "notify", kind: "task" }], v2);
    expect(stepMappingOf(unmatched, { approve: "sign_off", notify: "" })).toEqual({
      approve: "sign_off",
      notify: null,
    });
    expect(stepMappingOf(unmatched, {})).toEqual({ approve: null, notify: null });
  });
});
