import { describe, expect, it } from "vitest";
import { PLAN_BUSINESS_WEEK, responseDeadlines } from "./priority.ts";
import { escalationOf } from "./response-targets.ts";

const declared = new Date("2026-12-06T10:00:00Z");
const P1 = { priority: "P1" as const, ...responseDeadlines("P1", declared, PLAN_BUSINESS_WEEK) };
const at = (minutes: number) => new Date(declared.getTime() + minutes * 60_000);

describe("response target escalation", () => {
  it("escalates an unacknowledged P1 into Escalated, saying which target and by how much", () => {
    expect(escalationOf({ ...P1, state: "detected" }, "respond", at(20))).toEqual({
      target: "respond",
      dueAt: at(15),
      overdueMinutes: 5,
      moveTo: "escalated",
      reason: "P1 respond target missed by 5 min: nobody acknowledged it",
    });
  });

  it("measures the mitigation target from its own deadline", () => {
    const escalation = escalationOf({ ...P1, state: "investigating" }, "mitigate", at(90));
    expect(escalation).toMatchObject({ dueAt: at(60), overdueMinutes: 30, moveTo: "escalated" });
    expect(escalation.reason).toContain("not mitigated");
  });

  it("leaves an incident already escalated in its state", () => {
    expect(escalationOf({ ...P1, state: "escalated" }, "mitigate", at(61)).moveTo).toBeNull();
  });
});
