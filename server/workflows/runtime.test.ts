import { describe, expect, it } from "vitest";
import { decide } from "./runtime.ts";
import type { Decision, InstanceRun } from "./runtime-types.ts";
import {
  approvalStep,
  expectOk,
  person,
  run,
  started,
  SYSTEM,
  T0,
  taskStep,
  template,
} from "./test-fixtures.ts";

const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

// prepare (task by agent "a1") → approve (risk managers m1, m2) → act (task by a1)
const flow = template({
  steps: [
    taskStep("prepare", { checklist: [{ key: "facts", title: "Facts", titleJa: "事実" }] }),
    approvalStep("approve", { type: "any" }, { dueMinutes: 60 }),
    taskStep("act"),
  ],
  policy: { requiredRoles: { approve: ["risk_manager"] } },
});
const people = {
  prepare: { ownerIds: ["a1"] },
  approve: { ownerIds: ["m1", "m2", "init"] },
  act: { ownerIds: ["a1"] },
};
const agent = person("a1", ["support_agent"]);
const m1 = person("m1");
const m2 = person("m2");
const initiator = person("init", ["risk_manager"]);

const fresh = () => started(flow, people);
const atApproval = () =>
  run(flow, fresh(), [[{ type: "complete", stepKey: "prepare", checked: ["facts"] }, agent]]);

const stepStates = (instance: InstanceRun) => Object.fromEntries(instance.steps.map((s) => [s.key, s.state]));

describe("submit and steps in order", () => {
  it("starts Pending with the first step active and assigned, the rest blocked", () => {
    const outcome = decide(
      flow,
      { ...fresh(), state: "draft", steps: fresh().steps.map((s) => ({ ...s, state: "blocked" })) },
      { type: "submit" },
      initiator,
      T0,
    );
    const { instance, effects } = expectOk(outcome);
    expect(instance.state).toBe("pending");
    expect(stepStates(instance)).toEqual({ prepare: "active", approve: "blocked", act: "blocked" });
    expect(effects).toContainEqual({
      type: "step_assigned",
      stepKey: "prepare",
      userIds: ["a1"],
      why: "activated",
    });
  });

  it("moves InProgress when a step is done, and takes the initiator out of the approval's pool", () => {
    const instance = atApproval();
    expect(instance.state).toBe("in_progress");
    expect(stepStates(instance)).toEqual({ prepare: "done", approve: "active", act: "blocked" });
    expect(instance.steps[1]?.ownerIds).toEqual(["m1", "m2"]);
    expect(instance.steps[1]?.dueAt).toBe(later(60).toISOString());
  });

  it("ends Completed after the last task, Approved when every step is an approval", () => {
    const done = run(flow, atApproval(), [
      [{ type: "approve", stepKey: "approve" }, m1],
      [{ type: "complete", stepKey: "act" }, agent],
    ]);
    expect(done.state).toBe("completed");
    const request = template({ steps: [approvalStep("ok", { type: "any" })] });
    expect(
      run(request, started(request, { ok: { ownerIds: ["m1"] } }), [[{ type: "approve", stepKey: "ok" }, m1]])
        .state,
    ).toBe("approved");
  });
});

type Case = [
  label: string,
  at: () => InstanceRun,
  decision: Decision,
  decider: ReturnType<typeof person>,
  reason: string,
];

describe("refusals (machine-readable reasons)", () => {
  it.each<Case>([
    ["a later step before its turn", fresh, { type: "approve", stepKey: "approve" }, m1, "step_not_active"],
    ["a step that does not exist", fresh, { type: "complete", stepKey: "nope" }, agent, "step_not_found"],
    [
      "a task by someone not its candidate",
      fresh,
      { type: "complete", stepKey: "prepare", checked: ["facts"] },
      m1,
      "not_a_candidate",
    ],
    [
      "a task with its checklist unticked",
      fresh,
      { type: "complete", stepKey: "prepare" },
      agent,
      "checklist_incomplete",
    ],
    ["approving a task", fresh, { type: "approve", stepKey: "prepare" }, agent, "step_kind_mismatch"],
    [
      "the initiator approving",
      atApproval,
      { type: "approve", stepKey: "approve" },
      initiator,
      "approver_is_initiator",
    ],
    [
      "an earlier step's actor approving",
      atApproval,
      { type: "approve", stepKey: "approve" },
      person("a1", ["risk_manager"]),
      "approver_acted_on_earlier_step",
    ],
    [
      "an approver without the required role",
      atApproval,
      { type: "approve", stepKey: "approve" },
      person("m1", ["support_agent"]),
      "required_role_missing",
    ],
    [
      "someone outside the pool",
      atApproval,
      { type: "approve", stepKey: "approve" },
      person("m9"),
      "not_a_candidate",
    ],
    [
      "a reject without a reason",
      atApproval,
      { type: "reject", stepKey: "approve", reason: " " },
      m1,
      "reason_required",
    ],
    [
      "a request for changes without a reason",
      atApproval,
      { type: "request_changes", stepKey: "approve", reason: "" },
      m1,
      "reason_required",
    ],
    ["a recall by someone else", atApproval, { type: "recall" }, m1, "not_initiator"],
    ["a resubmit of an open request", atApproval, { type: "resubmit" }, initiator, "instance_not_open"],
    [
      "a skip-level before the due time",
      atApproval,
      { type: "skip_level", stepKey: "approve" },
      person("boss", ["admin"]),
      "not_stalled",
    ],
    [
      "a skip-level by someone who manages no approver",
      atApproval,
      { type: "skip_level", stepKey: "approve" },
      person("x", ["risk_manager"], ["a1"]),
      "not_allowed",
    ],
    [
      "a delegation by a non-owner",
      atApproval,
      { type: "delegate", stepKey: "approve", to: "d1" },
      person("m9"),
      "not_a_candidate",
    ],
    [
      "an approval delegated to the initiator",
      atApproval,
      { type: "delegate", stepKey: "approve", to: "init" },
      m1,
      "invalid_delegate",
    ],
    [
      "an approval reassigned to the initiator",
      atApproval,
      { type: "reassign", stepKey: "approve", from: "m1", to: "init" },
      m1,
      "invalid_delegate",
    ],
    [
      "a reassignment by a stranger",
      atApproval,
      { type: "reassign", stepKey: "approve", from: "m1", to: "m3" },
      m2,
      "not_allowed",
    ],
    ["a cancel by a non-admin", atApproval, { type: "cancel", reason: "x" }, m1, "not_allowed"],
  ])("refuses %s", (_label, at, decision, decider, reason) => {
    const instance = at();
    const outcome = decide(flow, instance, decision, decider, T0);
    expect(outcome).toMatchObject({ ok: false, refusal: { reason } });
  });

  it("refuses a second answer from the same approver, and any decision once the workflow ended", () => {
    const two = template({ steps: [approvalStep("ok", { type: "n_of", n: 2 })] });
    const once = run(two, started(two, { ok: { ownerIds: ["m1", "m2"] } }), [
      [{ type: "approve", stepKey: "ok" }, m1],
    ]);
    expect(decide(two, once, { type: "approve", stepKey: "ok" }, m1, T0)).toMatchObject({
      ok: false,
      refusal: { reason: "already_approved" },
    });
    const rejected = run(two, once, [[{ type: "reject", stepKey: "ok", reason: "no budget" }, m2]]);
    expect(decide(two, rejected, { type: "approve", stepKey: "ok" }, m2, T0)).toMatchObject({
      ok: false,
      refusal: { reason: "instance_not_open" },
    });
  });
});

describe("decisions", () => {
  it("reject: the request is Rejected with its reason, the later steps cancelled", () => {
    const outcome = expectOk(
      decide(flow, atApproval(), { type: "reject", stepKey: "approve", reason: "too risky" }, m1, T0),
    );
    expect(outcome.instance.state).toBe("rejected");
    expect(stepStates(outcome.instance)).toEqual({ prepare: "done", approve: "rejected", act: "cancelled" });
    expect(outcome.effects).toContainEqual({
      type: "state",
      from: "in_progress",
      to: "rejected",
      reason: "too risky",
    });
  });

  it("request changes goes back to the initiator; resubmitting starts round 2 from the first step", () => {
    const returned = run(flow, atApproval(), [
      [{ type: "request_changes", stepKey: "approve", reason: "add the order id" }, m1],
    ]);
    expect(returned.state).toBe("changes_requested");
    expect(stepStates(returned)).toEqual({ prepare: "done", approve: "returned", act: "cancelled" });
    const resubmitted = run(flow, returned, [[{ type: "resubmit" }, initiator, later(5)]]);
    expect(resubmitted).toMatchObject({ state: "pending", round: 2 });
    expect(stepStates(resubmitted)).toEqual({ prepare: "active", approve: "blocked", act: "blocked" });
    expect(resubmitted.history.map((h) => [h.round, h.actorId, h.action])).toEqual([
      [1, "a1", "complete"],
      [1, "m1", "request_changes"],
    ]);
  });

  it("delegate: the delegate answers in the owner's name; the owner keeps the step and cannot answer twice", () => {
    const two = template({ steps: [approvalStep("ok", { type: "all" })] });
    const delegated = run(two, started(two, { ok: { ownerIds: ["m1", "m2"] } }), [
      [{ type: "delegate", stepKey: "ok", to: "d1" }, m1],
    ]);
    expect(delegated.steps[0]).toMatchObject({
      ownerIds: ["m1", "m2"],
      delegations: [{ from: "m1", to: "d1" }],
    });
    const answered = run(two, delegated, [[{ type: "approve", stepKey: "ok" }, person("d1")]]);
    expect(answered.steps[0]?.approvals).toEqual([
      { by: "d1", for: "m1", via: "delegate", at: T0.toISOString() },
    ]);
    expect(decide(two, answered, { type: "approve", stepKey: "ok" }, m1, T0)).toMatchObject({
      ok: false,
      refusal: { reason: "already_approved" },
    });
    expect(run(two, answered, [[{ type: "approve", stepKey: "ok" }, m2]]).state).toBe("approved");
  });

  it("reassign: the new owner takes the old one's place", () => {
    const moved = run(flow, atApproval(), [
      [{ type: "reassign", stepKey: "approve", from: "m1", to: "m3" }, m1],
    ]);
    expect(moved.steps[1]?.ownerIds).toEqual(["m3", "m2"]);
    expect(decide(flow, moved, { type: "approve", stepKey: "approve" }, m1, T0)).toMatchObject({
      ok: false,
      refusal: { reason: "not_a_candidate" },
    });
    expect(run(flow, moved, [[{ type: "approve", stepKey: "approve" }, person("m3")]]).steps[1]?.state).toBe(
      "done",
    );
  });

  it("recall: the initiator withdraws the request; it is Cancelled", () => {
    const recalled = run(flow, atApproval(), [[{ type: "recall" }, initiator]]);
    expect(recalled.state).toBe("cancelled");
    expect(stepStates(recalled)).toEqual({ prepare: "done", approve: "cancelled", act: "cancelled" });
  });

  it("skip-level: an overdue approval is taken by an approver's manager, recorded as escalated", () => {
    const outcome = expectOk(
      decide(
        flow,
        atApproval(),
        { type: "skip_level", stepKey: "approve" },
        person("boss", ["risk_manager"], ["m2"]),
        later(61),
      ),
    );
    expect(outcome.instance.steps[1]).toMatchObject({
      state: "done",
      approvals: [{ by: "boss", for: null, via: "skip_level" }],
    });
    expect(outcome.effects).toContainEqual({ type: "escalated", stepKey: "approve", by: "boss" });
    expect(outcome.instance.steps[2]?.state).toBe("active");
  });

  it("cancel and complete_all end an open workflow with the reason (the bound object closed)", () => {
    expect(run(flow, atApproval(), [[{ type: "cancel", reason: "ticket closed" }, SYSTEM]]).state).toBe(
      "cancelled",
    );
    expect(
      run(flow, atApproval(), [
        [{ type: "complete_all", reason: "ticket resolved" }, person("root", ["admin"])],
      ]).state,
    ).toBe("completed");
  });
});

describe("the amount threshold", () => {
  const refund = template({
    steps: [approvalStep("ok", { type: "any" })],
    policy: { amountThreshold: { above: 50_000, steps: ["ok"] } },
  });
  it.each([
    [10_000, "approved"],
    [50_000, "approved"],
    [50_001, "in_progress"],
  ])("amount %d after one approval: %s", (amount, state) => {
    const instance = started(refund, { ok: { ownerIds: ["m1", "m2"] } }, { amount });
    expect(run(refund, instance, [[{ type: "approve", stepKey: "ok" }, m1]]).state).toBe(state);
  });

  it("a second, different approver completes the request above the threshold", () => {
    const instance = started(refund, { ok: { ownerIds: ["m1", "m2"] } }, { amount: 80_000 });
    const outcome = expectOk(
      decide(
        refund,
        run(refund, instance, [[{ type: "approve", stepKey: "ok" }, m1]]),
        { type: "approve", stepKey: "ok" },
        m2,
        T0,
      ),
    );
    expect(outcome.instance.state).toBe("approved");
  });
});

describe("wait for an event, and timers", () => {
  const plan = template({
    steps: [
      taskStep("tick_box"),
      {
        key: "recovered",
        kind: "wait_for_event",
        title: "Recovered",
        titleJa: "回復",
        event: {
          type: "AlertResolved",
          match: { alertId: "$bound" },
          holdMinutes: 15,
          resetOn: { type: "AlertTriggered", match: { cityId: "$context.cityId" } },
        },
      },
    ],
  });
  const waiting = () =>
    run(
      plan,
      started(plan, { tick_box: { ownerIds: ["a1"] } }, { boundId: "alert-1", context: { cityId: "osa" } }),
      [[{ type: "complete", stepKey: "tick_box" }, agent]],
    );
  const event = (eventType: string, payload: Record<string, unknown>): Decision => ({
    type: "event",
    eventType,
    payload,
  });

  it("finishes only after the condition held for its minutes; another object's event changes nothing", () => {
    const other = run(plan, waiting(), [[event("AlertResolved", { alertId: "alert-2" }), SYSTEM]]);
    expect(other.steps[1]?.state).toBe("active");
    const holding = run(plan, waiting(), [
      [event("AlertResolved", { alertId: "alert-1" }), SYSTEM, later(1)],
    ]);
    expect(holding.steps[1]).toMatchObject({ state: "holding", heldSince: later(1).toISOString() });
    expect(run(plan, holding, [[{ type: "tick" }, SYSTEM, later(15)]]).state).toBe("in_progress");
    expect(run(plan, holding, [[{ type: "tick" }, SYSTEM, later(16)]]).state).toBe("completed");
  });

  it("starts over when the reset event comes while holding", () => {
    const reset = run(plan, waiting(), [
      [event("AlertResolved", { alertId: "alert-1" }), SYSTEM, later(1)],
      [event("AlertTriggered", { cityId: "osa" }), SYSTEM, later(10)],
      [{ type: "tick" }, SYSTEM, later(30)],
    ]);
    expect(reset.steps[1]).toMatchObject({ state: "active", heldSince: null });
  });

  it("a timer step finishes when its minutes have passed", () => {
    const timed = template({
      steps: [
        { key: "cool_off", kind: "timer", title: "Wait", titleJa: "待つ", minutes: 30 },
        taskStep("check"),
      ],
    });
    const instance = started(timed, { check: { ownerIds: ["a1"] } });
    expect(run(timed, instance, [[{ type: "tick" }, SYSTEM, later(29)]]).steps[0]?.state).toBe("active");
    expect(stepStates(run(timed, instance, [[{ type: "tick" }, SYSTEM, later(30)]]))).toEqual({
      cool_off: "done",
      check: "active",
    });
  });
});

describe("steps in any order", () => {
  it("activates every step at once when the policy does not enforce the order", () => {
    const free = template({ steps: [taskStep("one"), taskStep("two")], policy: { enforceStepOrder: false } });
    const instance = started(free, { one: { ownerIds: ["a1"] }, two: { ownerIds: ["a1"] } });
    expect(stepStates(instance)).toEqual({ one: "active", two: "active" });
    const done = run(free, instance, [
      [{ type: "complete", stepKey: "two" }, agent],
      [{ type: "complete", stepKey: "one" }, agent],
    ]);
    expect(done.state).toBe("completed");
  });
});
