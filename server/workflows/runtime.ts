import { poolCanSatisfy, tallyApprovals } from "./approval-tally.ts";
import {
  checkApprovalAnswer,
  checkTaskCompletion,
  isRefusal,
  separationRefusal,
  stepInTurn,
} from "./compliance.ts";
import type {
  DeciderFacts,
  Decision,
  DecisionOutcome,
  Effect,
  InstanceRun,
  InstanceState,
  Refusal,
  StepRun,
} from "./runtime-types.ts";
import { OPEN_STATES } from "./runtime-types.ts";
import type { TemplateStep, WorkflowTemplate } from "./template.ts";
import { eventMatches } from "./wait-condition.ts";

// The instance state machine: Draft → Pending → InProgress → Approved | Rejected | ChangesRequested | Cancelled |
// Completed, and every decision on it. Pure: the service loads an InstanceRun, asks `decide`, and stores the result
// with the effects as events. Steps run in order (or all at once when the policy does not enforce the order).

/** An approval left this long without a due time counts as stalled (skip-level may take it). */
const STALLED_AFTER_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;

const refuse = (reason: Refusal["reason"], message: string): DecisionOutcome => ({
  ok: false,
  refusal: { reason, message },
});

/** The definition of a step of the pinned template. */
function definitionOf(template: WorkflowTemplate, key: string): TemplateStep {
  const step = template.steps.find((s) => s.key === key);
  if (!step) throw new Error(`template ${template.key} has no step ${key}`);
  return step;
}

export interface ResolvedCandidates {
  ownerIds: string[];
  groups: { key: string; userIds: string[] }[];
}

/** The steps of a new round, not started, with the people the service resolved for each step. */
export function instantiateSteps(
  template: WorkflowTemplate,
  resolved: Readonly<Record<string, ResolvedCandidates>>,
): StepRun[] {
  return template.steps.map((step, index) => {
    const people = resolved[step.key] ?? { ownerIds: [], groups: [] };
    const candidates =
      step.kind === "task" ? step.candidates : step.kind === "approval" ? step.approvers : undefined;
    return {
      key: step.key,
      kind: step.kind,
      position: index + 1,
      state: "blocked",
      ownerIds: [...new Set([...people.ownerIds, ...people.groups.flatMap((g) => g.userIds)])],
      candidateRoles: [...(candidates?.roles ?? [])],
      groups: people.groups,
      delegations: [],
      approvals: [],
      checked: [],
      activatedAt: null,
      dueAt: null,
      doneAt: null,
      doneById: null,
      heldSince: null,
    };
  });
}

/** People a step can never run without: a task or approval with no one who may act, an approval mode no pool meets. */
export function unstaffedSteps(
  template: WorkflowTemplate,
  steps: readonly StepRun[],
  initiatorId: string,
): string[] {
  return steps
    .filter((step) => {
      const definition = definitionOf(template, step.key);
      if (definition.kind === "task") return step.ownerIds.length === 0;
      if (definition.kind !== "approval") return false;
      const withoutInitiator = template.policy.approverNotInitiator
        ? excludePeople(step, [initiatorId])
        : step;
      return !poolCanSatisfy(withoutInitiator, definition.mode, minimumApprovers(template, step.key, null));
    })
    .map((step) => step.key);
}

export function newInstance(input: {
  initiatorId: string;
  boundId: string | null;
  amount: number | null;
  context: InstanceRun["context"];
  steps: StepRun[];
}): InstanceRun {
  return { state: "draft", round: 1, history: [], ...input };
}

function minimumApprovers(template: WorkflowTemplate, stepKey: string, amount: number | null): number {
  const threshold = template.policy.amountThreshold;
  if (!threshold || amount === null || !threshold.steps.includes(stepKey)) return 1;
  return amount > threshold.above ? 2 : 1;
}

function excludePeople(step: StepRun, people: readonly string[]): StepRun {
  const keep = (id: string) => !people.includes(id);
  return {
    ...step,
    ownerIds: step.ownerIds.filter(keep),
    groups: step.groups.map((g) => ({ ...g, userIds: g.userIds.filter(keep) })),
  };
}

const iso = (at: Date) => at.toISOString();
const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE_MS);

/** A step's turn comes: its due time starts, approvers who may not answer leave its pool. */
function activate(
  template: WorkflowTemplate,
  instance: InstanceRun,
  step: StepRun,
  now: Date,
  effects: Effect[],
): StepRun {
  const definition = definitionOf(template, step.key);
  const minutes =
    definition.kind === "timer"
      ? definition.minutes
      : "dueMinutes" in definition
        ? definition.dueMinutes
        : undefined;
  const dueMinutes = minutes ?? definition.sla?.minutes;
  let next: StepRun = {
    ...step,
    state: "active",
    activatedAt: iso(now),
    dueAt: dueMinutes === undefined ? null : iso(addMinutes(now, dueMinutes)),
  };
  if (definition.kind === "approval") {
    const { policy } = template;
    const earlier = policy.approverNotEarlierActor
      ? instance.history.filter((h) => h.position < step.position).map((h) => h.actorId)
      : [];
    next = excludePeople(next, [...(policy.approverNotInitiator ? [instance.initiatorId] : []), ...earlier]);
  }
  if (definition.kind === "task" || definition.kind === "approval")
    effects.push({ type: "step_assigned", stepKey: step.key, userIds: next.ownerIds, why: "activated" });
  return next;
}

function withStep(instance: InstanceRun, step: StepRun): InstanceRun {
  return { ...instance, steps: instance.steps.map((s) => (s.key === step.key ? step : s)) };
}

function setState(instance: InstanceRun, to: InstanceState, effects: Effect[], reason?: string): InstanceRun {
  if (instance.state === to) return instance;
  effects.push({ type: "state", from: instance.state, to, ...(reason ? { reason } : {}) });
  return { ...instance, state: to };
}

/** Starts the round's first step (or every step when the order is free). */
function startRound(
  template: WorkflowTemplate,
  instance: InstanceRun,
  now: Date,
  effects: Effect[],
): InstanceRun {
  let next = setState(instance, "pending", effects);
  const first = template.policy.enforceStepOrder ? next.steps.slice(0, 1) : next.steps;
  for (const step of first) next = withStep(next, activate(template, next, step, now, effects));
  return advance(template, next, now, effects);
}

/**
 * After a step finished: the next step's turn, or the end. An instance whose steps are all approvals ends
 * Approved (a request), any other ends Completed (a procedure).
 */
function advance(
  template: WorkflowTemplate,
  instance: InstanceRun,
  now: Date,
  effects: Effect[],
): InstanceRun {
  const open = instance.steps.filter((s) => s.state !== "done");
  const upcoming = open[0];
  if (!upcoming) {
    const final = instance.steps.every((s) => s.kind === "approval") ? "approved" : "completed";
    return setState(instance, final, effects);
  }
  if (!template.policy.enforceStepOrder || open.some((s) => s.state === "active" || s.state === "holding"))
    return instance;
  return withStep(instance, activate(template, instance, upcoming, now, effects));
}

function finishStep(
  template: WorkflowTemplate,
  instance: InstanceRun,
  step: StepRun,
  byId: string | null,
  now: Date,
  effects: Effect[],
): InstanceRun {
  const done: StepRun = { ...step, state: "done", doneAt: iso(now), doneById: byId };
  effects.push({
    type: "step_done",
    stepKey: step.key,
    kind: step.kind,
    outcome: step.kind === "approval" ? "approved" : "done",
  });
  const progressed = setState(withStep(instance, done), "in_progress", effects);
  return advance(template, progressed, now, effects);
}

/** Ends the round: the step that stopped it keeps its state, every other unfinished step is cancelled. */
function endRound(instance: InstanceRun, stopped: StepRun | null, finalSteps: "cancelled"): InstanceRun {
  return {
    ...instance,
    steps: instance.steps.map((s) =>
      s.key === stopped?.key
        ? stopped
        : s.state === "done"
          ? s
          : { ...s, state: finalSteps, heldSince: null },
    ),
  };
}

const remember = (instance: InstanceRun, step: StepRun, actorId: string | null, action: Decision["type"]) =>
  actorId === null
    ? instance
    : {
        ...instance,
        history: [...instance.history, { round: instance.round, position: step.position, actorId, action }],
      };

const isAdmin = (decider: DeciderFacts) => decider.roles.includes("admin");

function isStalled(step: StepRun, now: Date): boolean {
  if (step.dueAt) return now.getTime() >= Date.parse(step.dueAt);
  return step.activatedAt !== null && now.getTime() - Date.parse(step.activatedAt) >= STALLED_AFTER_MS;
}

/** Applies one decision. Refusals name the rule (machine-readable reason) and change nothing. */
export function decide(
  template: WorkflowTemplate,
  instance: InstanceRun,
  decision: Decision,
  decider: DeciderFacts,
  now: Date,
): DecisionOutcome {
  const effects: Effect[] = [];
  const ok = (next: InstanceRun): DecisionOutcome => ({ ok: true, instance: next, effects });
  const { policy } = template;
  const isInitiator = decider.id !== null && decider.id === instance.initiatorId;

  switch (decision.type) {
    case "submit": {
      if (instance.state !== "draft")
        return refuse("instance_not_open", `Only a draft is submitted; this one is ${instance.state}.`);
      if (!isInitiator && decider.id !== null)
        return refuse("not_initiator", "Only the initiator submits the request.");
      return ok(startRound(template, instance, now, effects));
    }

    case "resubmit": {
      if (instance.state !== "changes_requested")
        return refuse(
          "instance_not_open",
          `Only a request sent back for changes is resubmitted; this one is ${instance.state}.`,
        );
      if (!isInitiator) return refuse("not_initiator", "Only the initiator resubmits the request.");
      const fresh = instance.steps.map((s) => ({
        ...s,
        state: "blocked" as const,
        delegations: [],
        approvals: [],
        checked: [],
        activatedAt: null,
        dueAt: null,
        doneAt: null,
        doneById: null,
        heldSince: null,
      }));
      return ok(startRound(template, { ...instance, round: instance.round + 1, steps: fresh }, now, effects));
    }

    case "complete": {
      const definition = template.steps.find((s) => s.key === decision.stepKey);
      const checklist = definition?.kind === "task" ? definition.checklist.map((item) => item.key) : [];
      const step = checkTaskCompletion(
        policy,
        instance,
        decision.stepKey,
        decider,
        checklist,
        decision.checked ?? [],
      );
      if (isRefusal(step)) return { ok: false, refusal: step };
      const ticked = { ...step, checked: [...new Set([...step.checked, ...(decision.checked ?? [])])] };
      return ok(
        finishStep(
          template,
          remember(instance, step, decider.id, "complete"),
          ticked,
          decider.id,
          now,
          effects,
        ),
      );
    }

    case "approve": {
      const checked = checkApprovalAnswer(policy, instance, decision.stepKey, decider);
      if (isRefusal(checked)) return { ok: false, refusal: checked };
      const { step, onBehalfOf } = checked;
      const byId = decider.id as string;
      const answered: StepRun = {
        ...step,
        approvals: [
          ...step.approvals,
          { by: byId, for: onBehalfOf, via: onBehalfOf === byId ? "self" : "delegate", at: iso(now) },
        ],
      };
      const definition = definitionOf(template, step.key);
      if (definition.kind !== "approval") throw new Error("approval step without an approval definition");
      const tally = tallyApprovals(
        answered,
        definition.mode,
        minimumApprovers(template, step.key, instance.amount),
      );
      const next = remember(instance, step, byId, "approve");
      if (tally.satisfied) return ok(finishStep(template, next, answered, byId, now, effects));
      effects.push({
        type: "approval_recorded",
        stepKey: step.key,
        approved: tally.approved,
        needed: tally.needed,
      });
      return ok(setState(withStep(next, answered), "in_progress", effects));
    }

    case "reject":
    case "request_changes": {
      if (!decision.reason.trim())
        return refuse(
          "reason_required",
          decision.type === "reject" ? "Say why the request is rejected." : "Say what must change.",
        );
      const checked = checkApprovalAnswer(policy, instance, decision.stepKey, decider);
      if (isRefusal(checked)) return { ok: false, refusal: checked };
      const stopped: StepRun = {
        ...checked.step,
        state: decision.type === "reject" ? "rejected" : "returned",
        doneAt: iso(now),
        doneById: decider.id,
      };
      const next = endRound(
        remember(instance, checked.step, decider.id, decision.type),
        stopped,
        "cancelled",
      );
      return ok(
        setState(
          next,
          decision.type === "reject" ? "rejected" : "changes_requested",
          effects,
          decision.reason,
        ),
      );
    }

    case "delegate": {
      const step = stepInTurn(instance, decision.stepKey);
      if (isRefusal(step)) return { ok: false, refusal: step };
      if (decider.id === null || !step.ownerIds.includes(decider.id))
        return refuse("not_a_candidate", `Only an owner of step "${step.key}" delegates it.`);
      if (decision.to === decider.id || step.ownerIds.includes(decision.to))
        return refuse("invalid_delegate", "Delegate to someone who is not already an owner of the step.");
      if (step.kind === "approval" && policy.approverNotInitiator && decision.to === instance.initiatorId)
        return refuse("invalid_delegate", "An approval cannot be delegated to the workflow's initiator.");
      const delegated = {
        ...step,
        delegations: [...step.delegations, { from: decider.id, to: decision.to }],
      };
      effects.push({ type: "step_assigned", stepKey: step.key, userIds: [decision.to], why: "delegated" });
      return ok(withStep(instance, delegated));
    }

    case "reassign": {
      const step = stepInTurn(instance, decision.stepKey);
      if (isRefusal(step)) return { ok: false, refusal: step };
      const mayReassign =
        decider.id === decision.from || isAdmin(decider) || decider.manages.includes(decision.from);
      if (decider.id !== null && !mayReassign)
        return refuse("not_allowed", "A step is reassigned by its owner, the owner's manager or an admin.");
      if (!step.ownerIds.includes(decision.from))
        return refuse("not_a_candidate", `${decision.from} does not own step "${step.key}".`);
      if (step.ownerIds.includes(decision.to))
        return refuse("invalid_delegate", "The new owner already owns the step.");
      if (step.kind === "approval" && policy.approverNotInitiator && decision.to === instance.initiatorId)
        return refuse("invalid_delegate", "An approval cannot be reassigned to the workflow's initiator.");
      const swap = (id: string) => (id === decision.from ? decision.to : id);
      const reassigned: StepRun = {
        ...step,
        ownerIds: step.ownerIds.map(swap),
        groups: step.groups.map((g) => ({ ...g, userIds: g.userIds.map(swap) })),
        delegations: step.delegations.filter((d) => d.from !== decision.from),
      };
      effects.push({ type: "step_assigned", stepKey: step.key, userIds: [decision.to], why: "reassigned" });
      return ok(withStep(instance, reassigned));
    }

    case "skip_level": {
      const step = stepInTurn(instance, decision.stepKey);
      if (isRefusal(step)) return { ok: false, refusal: step };
      if (step.kind !== "approval")
        return refuse("step_kind_mismatch", `Step "${step.key}" is not an approval.`);
      if (
        decider.id === null ||
        !(isAdmin(decider) || step.ownerIds.some((id) => decider.manages.includes(id)))
      )
        return refuse("not_allowed", "Skip-level is for an approver's manager or an admin.");
      if (!isStalled(step, now)) return refuse("not_stalled", `Step "${step.key}" is not overdue yet.`);
      const required = policy.requiredRoles[step.key];
      if (required && !isAdmin(decider) && !required.some((role) => decider.roles.includes(role)))
        return refuse(
          "required_role_missing",
          `Step "${step.key}" needs one of the roles ${required.join(", ")}.`,
        );
      const separation = separationRefusal(policy, instance, step, decider.id, null);
      if (separation) return { ok: false, refusal: separation };
      const taken: StepRun = {
        ...step,
        approvals: [...step.approvals, { by: decider.id, for: null, via: "skip_level", at: iso(now) }],
      };
      effects.push({ type: "escalated", stepKey: step.key, by: decider.id });
      return ok(
        finishStep(
          template,
          remember(instance, step, decider.id, "skip_level"),
          taken,
          decider.id,
          now,
          effects,
        ),
      );
    }

    case "recall": {
      if (!isInitiator) return refuse("not_initiator", "Only the initiator recalls the request.");
      if (!["draft", ...OPEN_STATES, "changes_requested"].includes(instance.state))
        return refuse("instance_not_open", `The workflow is ${instance.state}: there is nothing to recall.`);
      return ok(
        setState(endRound(instance, null, "cancelled"), "cancelled", effects, decision.reason ?? "recalled"),
      );
    }

    case "cancel":
    case "complete_all": {
      if (decider.id !== null && !isAdmin(decider))
        return refuse("not_allowed", "Only an admin (or the bound object's closing) ends a workflow.");
      if (!decision.reason.trim()) return refuse("reason_required", "Say why the workflow ends.");
      if (!["draft", ...OPEN_STATES, "changes_requested"].includes(instance.state))
        return refuse("instance_not_open", `The workflow is already ${instance.state}.`);
      const to = decision.type === "cancel" ? "cancelled" : "completed";
      return ok(setState(endRound(instance, null, "cancelled"), to, effects, decision.reason));
    }

    case "event":
      return ok(onEvent(template, instance, decision.eventType, decision.payload, now, effects));

    case "tick":
      return ok(onTick(template, instance, now, effects));
  }
}

/** A domain event reached the instance: a waiting step's condition begins to hold (or stops holding). */
function onEvent(
  template: WorkflowTemplate,
  instance: InstanceRun,
  eventType: string,
  payload: Record<string, unknown>,
  now: Date,
  effects: Effect[],
): InstanceRun {
  if (!OPEN_STATES.includes(instance.state)) return instance;
  let next = instance;
  for (const step of instance.steps) {
    const definition = definitionOf(template, step.key);
    if (definition.kind !== "wait_for_event") continue;
    const { event } = definition;
    if (
      step.state === "holding" &&
      event.resetOn &&
      eventMatches(event.resetOn, eventType, payload, instance)
    ) {
      next = withStep(next, { ...step, state: "active", heldSince: null });
    } else if (step.state === "active" && eventMatches(event, eventType, payload, instance)) {
      if (event.holdMinutes === undefined) next = finishStep(template, next, step, null, now, effects);
      else next = withStep(next, { ...step, state: "holding", heldSince: iso(now) });
    }
  }
  return onTick(template, next, now, effects);
}

/** Time passed: timers that ran out and conditions held long enough finish their steps. */
function onTick(
  template: WorkflowTemplate,
  instance: InstanceRun,
  now: Date,
  effects: Effect[],
): InstanceRun {
  let next = instance;
  for (let changed = true; changed && OPEN_STATES.includes(next.state);) {
    changed = false;
    for (const step of next.steps) {
      const definition = definitionOf(template, step.key);
      const timerDone =
        definition.kind === "timer" &&
        step.state === "active" &&
        step.dueAt !== null &&
        Date.parse(step.dueAt) <= now.getTime();
      const held =
        definition.kind === "wait_for_event" &&
        step.state === "holding" &&
        step.heldSince !== null &&
        Date.parse(step.heldSince) + (definition.event.holdMinutes ?? 0) * MINUTE_MS <= now.getTime();
      if (timerDone || held) {
        next = finishStep(template, next, step, null, now, effects);
        changed = true;
        break;
      }
    }
  }
  return next;
}

/** After a migration to another version: if no step is running, the next one's turn comes (as after a decision). */
export function resume(
  template: WorkflowTemplate,
  instance: InstanceRun,
  now: Date,
): { instance: InstanceRun; effects: Effect[] } {
  const effects: Effect[] = [];
  if (!OPEN_STATES.includes(instance.state)) return { instance, effects };
  return { instance: advance(template, instance, now, effects), effects };
}
