import { appendAuditEntry } from "../audit/append.ts";
import type { Db } from "../db/client.ts";
import type { InputJsonObject } from "../db/json.ts";
import { withTransaction, type Queryable, type Tx } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import { parseInput } from "../lib/parse-input.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { candidateQuery, resolveCandidates } from "./candidates.ts";
import { decideInput, myTasksInput, startInput, type DecideInput, type StartInput } from "./contract.ts";
import { effectEvents, workflowEvent, type InstanceRef } from "./events.ts";
import {
  advanceInstance,
  createInstance,
  insertDecision,
  loadInstance,
  lockInstance,
  saveSteps,
  type StoredInstance,
} from "./instance-repository.ts";
import { activeUserExists, findPeople, managedBy } from "./people-repository.ts";
import { myTasks, type MyTask } from "./task-repository.ts";
import { decide, instantiateSteps, newInstance, unstaffedSteps } from "./runtime.ts";
import type { DeciderFacts, Decision, Effect, InstanceRun, Refusal } from "./runtime-types.ts";
import { findVersion, latestVersion } from "./template-repository.ts";
import { toView, type WorkflowView } from "./view.ts";

// Workflow use cases: start an instance on a pinned template version, decide on it (people, integrations and the
// system), list a person's tasks. One transaction each; concurrent deciders are told apart by the instance's lock
// version (409 with the current state); a compliance refusal is 422 with its reason, audited on its own.

const refOf = (
  stored: Pick<StoredInstance, "id" | "templateKey" | "versionNumber" | "boundType" | "boundId">,
): InstanceRef => ({
  instanceId: stored.id,
  templateKey: stored.templateKey,
  templateVersion: stored.versionNumber,
  boundType: stored.boundType,
  boundId: stored.boundId,
});

/** Decisions whose right depends on whom the decider manages (runtime.ts): only these look it up. */
const MANAGER_DECISIONS: readonly Decision["type"][] = ["reassign", "skip_level"];

/** What the runtime needs to know of whoever acts: roles and, for a manager's decision, the people they manage. */
async function deciderFacts(
  db: Queryable,
  context: ServiceContext,
  decision: Decision,
): Promise<DeciderFacts> {
  const { actor } = context;
  if (actor.type === "system") return { id: null, roles: [], manages: [] };
  if (actor.type === "api_client") return { id: actor.id, roles: [], manages: [] };
  const manages = MANAGER_DECISIONS.includes(decision.type) ? await managedBy(db, actor.id) : [];
  return { id: actor.id, roles: actor.user.roles, manages };
}

function conflict(current: StoredInstance | null): AppError {
  return new AppError("CONFLICT", "Someone else decided on this workflow first; here is its current state.", {
    details: { current: current ? toView(current) : null },
  });
}

export async function startWorkflow(db: Db, context: ServiceContext, raw: StartInput): Promise<WorkflowView> {
  const input = parseInput(startInput, raw);
  const initiatorId = context.actor.type === "user" ? context.actor.id : input.initiatorId;
  if (!initiatorId)
    throw new AppError("BAD_REQUEST", "initiatorId: the system and integrations name the initiator.", {
      details: { field: "initiatorId" },
    });
  const version = input.version
    ? await findVersion(db, input.templateKey, input.version)
    : await latestVersion(db, input.templateKey);
  if (!version)
    throw new AppError(
      "NOT_FOUND",
      `templateKey: no published workflow template "${input.templateKey}"${input.version ? ` version ${input.version}` : ""}.`,
    );
  const template = version.definition;
  const { type: boundType, id: boundId } = input.bound;
  if (boundType === "none" ? template.bindings.length > 0 : !template.bindings.includes(boundType))
    throw new AppError(
      "BAD_REQUEST",
      `bound.type: "${template.key}" binds to ${template.bindings.join(", ") || "nothing"}, not ${boundType}.`,
    );
  if (boundType !== "none" && !boundId)
    throw new AppError("BAD_REQUEST", "bound.id is required for a bound workflow.", {
      details: { field: "bound.id" },
    });

  return withTransaction(db, async (tx) => {
    const people = await findPeople(tx, candidateQuery(template));
    const resolved = resolveCandidates(template, people, {
      initiatorId,
      boundOwnerId: input.boundOwnerId ?? null,
    });
    const steps = instantiateSteps(template, resolved);
    const unstaffed = unstaffedSteps(template, steps, initiatorId);
    if (unstaffed.length > 0)
      throw new AppError("UNPROCESSABLE", `No one can act on step(s) ${unstaffed.join(", ")}.`, {
        details: { reason: "unstaffed_steps", steps: unstaffed },
      });
    const now = context.clock.now();
    let run: InstanceRun = newInstance({
      initiatorId,
      boundId: boundType === "none" ? null : (boundId ?? null),
      amount: input.amount ?? null,
      context: input.context ?? {},
      steps,
    });
    let effects: Effect[] = [];
    if (input.submit) {
      const submitted = decide(
        template,
        run,
        { type: "submit" },
        { id: initiatorId, roles: [], manages: [] },
        now,
      );
      if (!submitted.ok) throw new Error(`a new instance refused its submit: ${submitted.refusal.reason}`);
      ({ instance: run, effects } = submitted);
    }
    const id = await createInstance(tx, {
      templateId: version.templateId,
      versionId: version.id,
      definition: template,
      boundType,
      boundId: boundId ?? "-",
      run,
      startedAt: now,
    });
    const stored = await loadInstance(tx, id);
    if (!stored) throw new Error(`instance ${id} vanished in its own transaction`);
    const ref = refOf(stored);
    const decision: InputJsonObject = { type: "start", submit: input.submit };
    await insertDecision(tx, {
      instanceId: id,
      stepId: null,
      round: 1,
      action: input.submit ? "submit" : "start",
      actorType: context.actor.type,
      actorId: context.actor.id,
      onBehalfOfId: context.actor.type === "user" ? null : initiatorId,
      reason: null,
      details: { amount: input.amount ?? null },
      decidedAt: now,
    });
    await recordEvents(tx, context, [
      workflowEvent(
        "WorkflowInitiated",
        ref,
        run,
        {},
        { decision, initiatorId, amount: input.amount ?? null },
      ),
      ...effectEvents(ref, run, effects, decision),
    ]);
    return toView(stored);
  });
}

type Outcome = { view: WorkflowView } | { refusal: Refusal; stored: StoredInstance };

/** One decision on an instance, by a person or an integration. Answers the instance as it is after the decision. */
export async function decideWorkflow(
  db: Db,
  context: ServiceContext,
  raw: DecideInput,
): Promise<WorkflowView> {
  const input = parseInput(decideInput, raw);
  if (input.decision.type === "cancel") requirePermission(context, "workflows:manage");
  if ("to" in input.decision && !(await activeUserExists(db, input.decision.to)))
    throw new AppError("BAD_REQUEST", "decision.to: no active user with this id.", {
      details: { field: "decision.to" },
    });
  return applyDecision(db, context, input.instanceId, input.decision, input.expectedVersion);
}

/** Applies a decision; the caller checked who may send it. */
async function applyDecision(
  db: Db,
  context: ServiceContext,
  instanceId: string,
  decision: Decision,
  expectedVersion?: number,
): Promise<WorkflowView> {
  const outcome = await withTransaction(db, async (tx): Promise<Outcome> => {
    const stored = await lockInstance(tx, instanceId);
    if (!stored) throw new AppError("NOT_FOUND", "instanceId: no such workflow.");
    if (expectedVersion !== undefined && expectedVersion !== stored.lockVersion) throw conflict(stored);
    const decider = await deciderFacts(tx, context, decision);
    const now = context.clock.now();
    const result = decide(stored.definition, stored.run, decision, decider, now);
    if (!result.ok) return { refusal: result.refusal, stored };
    if (result.effects.length === 0 && context.actor.type === "system") return { view: toView(stored) };
    const endedReason = await persistDecision(
      tx,
      context,
      stored,
      decision,
      result.instance,
      result.effects,
      now,
    );
    // What was just written, without reading it back: the row moved by one version under this transaction's lock.
    const after: StoredInstance = {
      ...stored,
      run: result.instance,
      lockVersion: stored.lockVersion + 1,
      endedReason: endedReason ?? stored.endedReason,
    };
    return { view: toView(after) };
  });
  if ("view" in outcome) return outcome.view;
  await auditRefusal(db, context, outcome.stored, decision, outcome.refusal);
  throw new AppError("UNPROCESSABLE", outcome.refusal.message, {
    details: { reason: outcome.refusal.reason },
  });
}

async function persistDecision(
  tx: Tx,
  context: ServiceContext,
  stored: StoredInstance,
  decision: Decision,
  after: InstanceRun,
  effects: readonly Effect[],
  now: Date,
): Promise<string | undefined> {
  const endedReason = effects.flatMap((e) => (e.type === "state" && e.reason ? [e.reason] : [])).at(-1);
  const moved = await advanceInstance(tx, stored.id, stored.lockVersion, {
    state: after.state,
    round: after.round,
    at: now,
    ...(endedReason !== undefined ? { endedReason } : {}),
  });
  if (!moved) throw conflict(await loadInstance(tx, stored.id));
  await saveSteps(tx, stored, after);
  const stepKey = "stepKey" in decision ? decision.stepKey : null;
  const step = stepKey ? stored.run.steps.find((s) => s.key === stepKey) : undefined;
  const answer = step ? after.steps.find((s) => s.key === stepKey)?.approvals.at(-1) : undefined;
  const onBehalfOf = answer && answer.by === context.actor.id && answer.for !== answer.by ? answer.for : null;
  const details = { ...decision } as unknown as InputJsonObject;
  await insertDecision(tx, {
    instanceId: stored.id,
    stepId: stepKey ? (stored.stepIds.get(stepKey) ?? null) : null,
    round: stored.run.round,
    action: decision.type,
    actorType: context.actor.type,
    actorId: context.actor.id,
    onBehalfOfId: onBehalfOf,
    reason: "reason" in decision ? (decision.reason ?? null) : null,
    details,
    decidedAt: now,
  });
  const events = effectEvents(refOf(stored), after, effects, details);
  if (events.length === 0)
    events.push(
      workflowEvent("WorkflowDecisionRecorded", refOf(stored), after, stepKey ? { stepKey } : {}, {
        decision: details,
      }),
    );
  await recordEvents(tx, context, events);
  return endedReason;
}

/** The refusal outlives the refused transaction: its own small write to the audit log. */
async function auditRefusal(
  db: Db,
  context: ServiceContext,
  stored: StoredInstance,
  decision: Decision,
  refusal: Refusal,
): Promise<void> {
  await appendAuditEntry(db, {
    actorType: context.actor.type,
    actorId: context.actor.id,
    action: "WorkflowDecisionRefused",
    entityType: "workflow",
    entityId: stored.id,
    correlationId: context.correlationId,
    details: {
      reason: refusal.reason,
      message: refusal.message,
      decision: { ...decision } as unknown as InputJsonObject,
      state: stored.run.state,
      round: stored.run.round,
      lockVersion: stored.lockVersion,
    },
  });
}

/** The signed-in person's inbox: steps they own or were delegated, soonest due first. */
export async function listMyTasks(
  db: Db,
  context: ServiceContext,
  raw: { limit?: number } = {},
): Promise<MyTask[]> {
  const { limit } = parseInput(myTasksInput, raw);
  if (context.actor.type === "system")
    throw new AppError("FORBIDDEN", "My tasks belong to a person or an integration.");
  return myTasks(db, context.actor.id, limit);
}

export async function getWorkflow(
  db: Db,
  _context: ServiceContext,
  input: { id: string },
): Promise<WorkflowView> {
  const stored = await loadInstance(db, input.id);
  if (!stored) throw new AppError("NOT_FOUND", "id: no such workflow.");
  return toView(stored);
}
