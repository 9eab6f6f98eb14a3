import { describe, expect, it } from "vitest";
import { mappingErrors, planMigration } from "./migration.ts";
import { approvalStep, person, run, started, taskStep, template } from "./test-fixtures.ts";

const v1 = template({ version: "1", steps: [taskStep("prepare"), approvalStep("approve", { type: "any" })] });
const v2 = template({
  version: "2",
  steps: [taskStep("prepare"), taskStep("check"), approvalStep("sign_off", { type: "any" })],
});
const v3 = template({ version: "3", steps: [approvalStep("prepare", { type: "any" })] });
const resolved = { prepare: { ownerIds: ["a1"] }, approve: { ownerIds: ["m1"] } };
const newPeople = { check: { ownerIds: ["a2"], groups: [] }, sign_off: { ownerIds: ["m1"], groups: [] } };

describe("mappingErrors", () => {
  it.each([
    [{ nope: "check" }, { "stepMapping.nope": 'version 1 has no step "nope"' }],
    [{ approve: "gone" }, { "stepMapping.approve": 'version 2 has no step "gone"' }],
    [
      { prepare: "check", approve: "check" },
      { "stepMapping.approve": '"check" is already the target of "prepare"' },
    ],
    [{ approve: "sign_off", prepare: null }, {}],
  ])("%j", (mapping, errors) => {
    expect(mappingErrors(v1, v2, mapping)).toEqual(errors);
  });
});

describe("planMigration", () => {
  it("keeps each step's progress under its new key, and adds new steps blocked with their people", () => {
    const instance = run(v1, started(v1, resolved), [
      [{ type: "complete", stepKey: "prepare" }, person("a1", ["support_agent"])],
    ]);
    const plan = planMigration(v1, v2, instance, { approve: "sign_off" }, newPeople);
    if (!plan.ok) throw new Error(plan.problems.join());
    expect(
      plan.steps.map(({ step, fromKey }) => [step.key, step.position, step.state, fromKey, step.ownerIds]),
    ).toEqual([
      ["prepare", 1, "done", "prepare", ["a1"]],
      ["check", 2, "blocked", null, ["a2"]],
      ["sign_off", 3, "active", "approve", ["m1"]],
    ]);
  });

  it("reports an unfinished step that would be dropped or change kind, and drops finished ones quietly", () => {
    const instance = started(v1, resolved);
    expect(planMigration(v1, v2, instance, { prepare: null }, newPeople)).toEqual({
      ok: false,
      problems: ['step "prepare" is active and the mapping drops it'],
    });
    expect(planMigration(v1, v3, instance, {}, {})).toMatchObject({
      ok: false,
      problems: ['step "prepare" is unfinished and "prepare" is of kind approval, not task'],
    });
    const prepared = run(v1, instance, [
      [{ type: "complete", stepKey: "prepare" }, person("a1", ["support_agent"])],
    ]);
    expect(planMigration(v1, v2, prepared, { prepare: null, approve: "sign_off" }, newPeople)).toMatchObject({
      ok: true,
      dropped: ["prepare"],
    });
  });
});
