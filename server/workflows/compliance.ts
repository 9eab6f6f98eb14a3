import type { CompliancePolicy } from "./template.ts";
import {
  ACTING_DECISIONS,
  OPEN_STATES,
  type DeciderFacts,
  type InstanceRun,
  type Refusal,
  type RefusalReason,
  type StepRun,
} from "./runtime-types.ts";

// The compliance policy, checked at every decision on a step: the step's turn (order), the roles it requires,
// separation of duties (no one approves their own request, nor a step after acting on an earlier one), one answer
// per person. A refusal is machine-readable: its reason goes to the caller (422) and to the audit log.

const refuse = (reason: RefusalReason, message: string): Refusal => ({ reason, message });

/** The step a decision names, when the instance is open and it is that step's turn. */
export function stepInTurn(instance: InstanceRun, stepKey: string): StepRun | Refusal {
  if (!OPEN_STATES.includes(instance.state))
    return refuse("instance_not_open", `The workflow is ${instance.state}: its steps take no decisions.`);
  const step = instance.steps.find((s) => s.key === stepKey);
  if (!step) return refuse("step_not_found", `The workflow has no step "${stepKey}".`);
  if (step.state !== "active")
    return refuse("step_not_active", `Step "${stepKey}" is ${step.state}, not the step to decide now.`);
  return step;
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && "reason" in value && "message" in value;
}

function missingRole(policy: CompliancePolicy, step: StepRun, decider: DeciderFacts): Refusal | null {
  const required = policy.requiredRoles[step.key];
  if (!required || required.some((role) => decider.roles.includes(role))) return null;
  return refuse("required_role_missing", `Step "${step.key}" needs one of the roles ${required.join(", ")}.`);
}

/** Whose answer it is: the decider as an owner, or the owner who delegated to them (first not yet answered). */
function answeringFor(step: StepRun, deciderId: string): string | null {
  if (step.ownerIds.includes(deciderId)) return deciderId;
  const answered = new Set(step.approvals.map((a) => a.for));
  const delegations = step.delegations.filter((d) => d.to === deciderId);
  return (delegations.find((d) => !answered.has(d.from)) ?? delegations[0])?.from ?? null;
}

/** Separation of duties: not the initiator (in person or through a delegation), not an earlier step's actor. */
export function separationRefusal(
  policy: CompliancePolicy,
  instance: InstanceRun,
  step: StepRun,
  deciderId: string,
  onBehalfOf: string | null,
): Refusal | null {
  if (
    policy.approverNotInitiator &&
    (deciderId === instance.initiatorId || onBehalfOf === instance.initiatorId)
  )
    return refuse("approver_is_initiator", "The initiator of a workflow cannot decide its approvals.");
  if (
    policy.approverNotEarlierActor &&
    instance.history.some(
      (h) => h.actorId === deciderId && h.position < step.position && ACTING_DECISIONS.includes(h.action),
    )
  )
    return refuse(
      "approver_acted_on_earlier_step",
      "Someone who acted on an earlier step of this workflow cannot decide a later approval.",
    );
  return null;
}

/**
 * An answer (approve, reject, request changes) on an approval step. Returns the owner the answer counts for, or
 * the refusal.
 */
export function checkApprovalAnswer(
  policy: CompliancePolicy,
  instance: InstanceRun,
  stepKey: string,
  decider: DeciderFacts,
): { step: StepRun; onBehalfOf: string } | Refusal {
  const step = stepInTurn(instance, stepKey);
  if (isRefusal(step)) return step;
  if (step.kind !== "approval")
    return refuse("step_kind_mismatch", `Step "${stepKey}" is a ${step.kind} step, not an approval.`);
  if (decider.id === null) return refuse("not_allowed", "Approvals are decided by people.");
  const role = missingRole(policy, step, decider);
  if (role) return role;
  const owner = answeringFor(step, decider.id);
  const separation = separationRefusal(policy, instance, step, decider.id, owner);
  if (separation) return separation;
  if (owner === null) return refuse("not_a_candidate", `You are not an approver of step "${stepKey}".`);
  if (step.approvals.some((a) => a.by === decider.id || a.for === owner))
    return refuse("already_approved", `Step "${stepKey}" already has this approver's answer.`);
  return { step, onBehalfOf: owner };
}

/** Completing a task: a candidate (or a delegate) with the required role, every checklist item ticked. */
export function checkTaskCompletion(
  policy: CompliancePolicy,
  instance: InstanceRun,
  stepKey: string,
  decider: DeciderFacts,
  checklist: readonly string[],
  checked: readonly string[],
): StepRun | Refusal {
  const step = stepInTurn(instance, stepKey);
  if (isRefusal(step)) return step;
  if (step.kind !== "task")
    return refuse("step_kind_mismatch", `Step "${stepKey}" is a ${step.kind} step, not a task.`);
  if (decider.id !== null) {
    const role = missingRole(policy, step, decider);
    if (role) return role;
    if (!step.ownerIds.includes(decider.id) && !step.delegations.some((d) => d.to === decider.id))
      return refuse("not_a_candidate", `Step "${stepKey}" is not yours to complete.`);
  }
  const missing = checklist.filter((item) => !checked.includes(item) && !step.checked.includes(item));
  if (missing.length > 0)
    return refuse("checklist_incomplete", `Tick every checklist item first: ${missing.join(", ")}.`);
  return step;
}
