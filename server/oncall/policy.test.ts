import { describe, expect, it } from "vitest";
import type { PolicySnapshot } from "./contract.ts";
import { planStep } from "./policy.ts";

const policy: PolicySnapshot = {
  policyId: null,
  name: "Two levels",
  version: 1,
  repeat: 1,
  assignees: [],
  levels: [
    { targets: [{ kind: "role", role: "admin" }], timeoutMinutes: 5, workingHoursOnly: false },
    { targets: [{ kind: "team_lead" }], timeoutMinutes: 10, workingHoursOnly: true },
  ],
};
const now = new Date("2026-03-02T00:00:00Z");
const everyone = (level: number) => [`user-${level}`];

describe("planStep", () => {
  it("fires the current level and waits its timeout before the next", () => {
    expect(planStep(policy, { level: 0, round: 0 }, now, everyone)).toEqual({
      fired: { level: 0, round: 0, recipients: ["user-0"] },
      next: { level: 1, round: 0 },
      nextStepAt: new Date("2026-03-02T00:05:00Z"),
    });
  });

  it("repeats from the first level, then stops after the last round", () => {
    expect(planStep(policy, { level: 1, round: 0 }, now, everyone).next).toEqual({ level: 0, round: 1 });
    const last = planStep(policy, { level: 1, round: 1 }, now, everyone);
    expect(last.fired).toEqual({ level: 1, round: 1, recipients: ["user-1"] });
    expect(last.nextStepAt).toBeNull();
  });

  it("passes over a level with nobody to page at once, without waiting its timeout", () => {
    const plan = planStep(policy, { level: 1, round: 0 }, now, (level) => (level === 1 ? [] : ["admin"]));
    expect(plan.fired).toEqual({ level: 0, round: 1, recipients: ["admin"] });
    expect(plan.nextStepAt).toEqual(new Date("2026-03-02T00:05:00Z"));
  });

  it("fires nothing and ends when no remaining level has anyone", () => {
    expect(planStep(policy, { level: 0, round: 0 }, now, () => [])).toEqual({
      fired: null,
      next: { level: 0, round: 0 },
      nextStepAt: null,
    });
  });
});
