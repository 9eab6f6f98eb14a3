import { describe, expect, it } from "vitest";
import { approvalStep, person, run, started, taskStep, template } from "./test-fixtures.ts";
import { isWaitingOnUser, waitingOn } from "./waiting-on.ts";

const t = template({
  steps: [
    taskStep("contain"),
    approvalStep("approve", { type: "n_of", n: 2 }),
    {
      key: "recovered",
      kind: "wait_for_event",
      title: "r",
      titleJa: "r",
      event: { type: "AlertResolved", holdMinutes: 15 },
    },
  ],
});
const people = {
  contain: { ownerIds: ["agent"] },
  approve: { ownerIds: ["init", "a1", "a2", "a3"] },
};

describe("waitingOn", () => {
  it("names the task's owners while the task is open", () => {
    const instance = started(t, people);
    expect(waitingOn(t, instance)).toEqual([
      {
        stepKey: "contain",
        waitingFor: { type: "people", userIds: ["agent"], approved: null, needed: null },
      },
    ]);
    expect(isWaitingOnUser(waitingOn(t, instance), "agent")).toBe(true);
    expect(isWaitingOnUser(waitingOn(t, instance), "a1")).toBe(false);
  });

  it("leaves out approvers who answered, and the initiator, and counts the answers against the mode", () => {
    const instance = run(t, started(t, people), [
      [{ type: "complete", stepKey: "contain" }, person("agent", ["support_agent"])],
      [{ type: "approve", stepKey: "approve" }, person("a1")],
    ]);
    expect(waitingOn(t, instance)).toEqual([
      { stepKey: "approve", waitingFor: { type: "people", userIds: ["a2", "a3"], approved: 1, needed: 2 } },
    ]);
  });

  it("adds a delegate for an owner who has not answered", () => {
    const instance = run(t, started(t, people), [
      [{ type: "complete", stepKey: "contain" }, person("agent", ["support_agent"])],
      [{ type: "delegate", stepKey: "approve", to: "d1" }, person("a2")],
    ]);
    const [first] = waitingOn(t, instance);
    expect(first?.waitingFor).toMatchObject({ type: "people", userIds: ["a1", "a2", "a3", "d1"] });
  });

  it("says which event a wait step needs once the approvals are in", () => {
    const instance = run(t, started(t, people), [
      [{ type: "complete", stepKey: "contain" }, person("agent", ["support_agent"])],
      [{ type: "approve", stepKey: "approve" }, person("a1")],
      [{ type: "approve", stepKey: "approve" }, person("a2")],
    ]);
    expect(waitingOn(t, instance)).toEqual([
      {
        stepKey: "recovered",
        waitingFor: { type: "event", eventType: "AlertResolved", holdMinutes: 15, heldSince: null },
      },
    ]);
  });

  it("waits on the initiator of a returned request, and on no one once it ended", () => {
    const returned = run(t, started(t, people), [
      [{ type: "complete", stepKey: "contain" }, person("agent", ["support_agent"])],
      [{ type: "request_changes", stepKey: "approve", reason: "more detail" }, person("a1")],
    ]);
    expect(waitingOn(t, returned)).toEqual([
      { stepKey: "", waitingFor: { type: "initiator", userId: "init", action: "resubmit" } },
    ]);
    expect(isWaitingOnUser(waitingOn(t, returned), "init")).toBe(true);
    const recalled = run(t, started(t, people), [[{ type: "recall" }, person("init")]]);
    expect(waitingOn(t, recalled)).toEqual([]);
  });
});
