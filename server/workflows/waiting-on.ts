import { tallyApprovals } from "./approval-tally.ts";
import type { InstanceRun, StepRun } from "./runtime-types.ts";
import type { ApprovalStep, TemplateStep, WorkflowTemplate } from "./template.ts";

// What an open step is waiting for, as people read it on the instance page, the inline panels and My tasks: the
// people who must still act (approvers whose answer is missing, delegates answering for them), an event, or a
// timer. Pure: computed from the instance and its pinned template.

type WaitingFor =
  | { type: "people"; userIds: string[]; approved: number | null; needed: number | null }
  | { type: "event"; eventType: string; holdMinutes: number | null; heldSince: string | null }
  | { type: "timer"; until: string | null }
  | { type: "initiator"; userId: string; action: "submit" | "resubmit" };

export interface StepWaiting {
  stepKey: string;
  waitingFor: WaitingFor;
}

const OPEN_STEP_STATES: readonly StepRun["state"][] = ["active", "holding"];

function approvalWaiting(
  step: StepRun,
  definition: ApprovalStep,
  run: InstanceRun,
  policyInitiator: boolean,
): WaitingFor {
  const answered = new Set(step.approvals.map((a) => a.for));
  const missingOwners = step.ownerIds.filter(
    (id) => !answered.has(id) && !(policyInitiator && id === run.initiatorId),
  );
  const delegates = step.delegations.filter((d) => missingOwners.includes(d.from)).map((d) => d.to);
  const tally = tallyApprovals(step, definition.mode);
  return {
    type: "people",
    userIds: [...new Set([...missingOwners, ...delegates])],
    approved: tally.approved,
    needed: tally.needed,
  };
}

function stepWaiting(
  step: StepRun,
  definition: TemplateStep | undefined,
  template: WorkflowTemplate,
  run: InstanceRun,
): WaitingFor {
  if (definition?.kind === "approval")
    return approvalWaiting(step, definition, run, template.policy.approverNotInitiator);
  if (definition?.kind === "wait_for_event")
    return {
      type: "event",
      eventType: definition.event.type,
      holdMinutes: definition.event.holdMinutes ?? null,
      heldSince: step.heldSince,
    };
  if (definition?.kind === "timer") return { type: "timer", until: step.dueAt };
  const people = [...new Set([...step.ownerIds, ...step.delegations.map((d) => d.to)])];
  return { type: "people", userIds: people, approved: null, needed: null };
}

/** Every open step of an open instance with what it waits for; a draft or returned instance waits for its initiator. */
export function waitingOn(template: WorkflowTemplate, run: InstanceRun): StepWaiting[] {
  if (run.state === "draft")
    return [{ stepKey: "", waitingFor: { type: "initiator", userId: run.initiatorId, action: "submit" } }];
  if (run.state === "changes_requested")
    return [{ stepKey: "", waitingFor: { type: "initiator", userId: run.initiatorId, action: "resubmit" } }];
  if (run.state !== "pending" && run.state !== "in_progress") return [];
  const definitions = new Map(template.steps.map((s) => [s.key, s]));
  return run.steps
    .filter((step) => OPEN_STEP_STATES.includes(step.state))
    .map((step) => ({
      stepKey: step.key,
      waitingFor: stepWaiting(step, definitions.get(step.key), template, run),
    }));
}

/** Whether `userId` is among the people an open step is waiting for. */
export function isWaitingOnUser(waiting: readonly StepWaiting[], userId: string): boolean {
  return waiting.some(
    (w) =>
      (w.waitingFor.type === "people" && w.waitingFor.userIds.includes(userId)) ||
      (w.waitingFor.type === "initiator" && w.waitingFor.userId === userId),
  );
}
