import { describe, expect, it } from "vitest";
import type { WorkflowCard } from "@/server/workflows/read-contract";
import { instanceActions, stepActions } from "./step-actions";

type Step = WorkflowCard["workflow"]["steps"][number];

const step = (extra: Partial<Step>): Step => ({
  key: "s",
  kind: "approval",
  position: 1,
  state: "active",
  title: "S",
  titleJa: "S",
  ownerIds: ["me", "other"],
  groups: [],
  delegations: [],
  approvals: [],
  checked: [],
  activatedAt: null,
  dueAt: null,
  doneAt: null,
  doneById: null,
  heldSince: null,
  ...extra,
});

describe("stepActions", () => {
  it("offers an approver the answers until they gave theirs", () => {
    expect(stepActions(step({}), "me")).toEqual(["approve", "reject", "request_changes", "delegate"]);
    const answered = step({ approvals: [{ by: "me", for: "me", via: "self", at: "2026-01-01T00:00:00Z" }] });
    expect(stepActions(answered, "me")).toEqual([]);
  });

  it("offers the initiator Approve on their own request, for the policy to refuse with its reason", () => {
    expect(stepActions(step({}), "initiator", "initiator")).toEqual(["approve"]);
    expect(stepActions(step({ kind: "task" }), "initiator", "initiator")).toEqual([]);
  });

  it("offers a delegate the owner's answers, and nothing to anyone else or on a closed step", () => {
    expect(stepActions(step({ delegations: [{ from: "other", to: "d" }] }), "d")).toContain("approve");
    expect(stepActions(step({}), "stranger")).toEqual([]);
    expect(stepActions(step({ state: "done" }), "me")).toEqual([]);
  });

  it("offers completion of a task and nothing on a wait step", () => {
    expect(stepActions(step({ kind: "task" }), "me")).toEqual(["complete", "delegate", "reassign"]);
    expect(stepActions(step({ kind: "wait_for_event" }), "me")).toEqual([]);
  });
});

describe("instanceActions", () => {
  const workflow = (state: WorkflowCard["workflow"]["state"]) =>
    ({ initiatorId: "me", state }) as WorkflowCard["workflow"];
  it("lets the initiator recall an open request and resubmit a returned one", () => {
    expect(instanceActions(workflow("pending"), "me")).toEqual(["recall"]);
    expect(instanceActions(workflow("changes_requested"), "me")).toEqual(["resubmit"]);
    expect(instanceActions(workflow("completed"), "me")).toEqual([]);
    expect(instanceActions(workflow("pending"), "other")).toEqual([]);
  });
});
