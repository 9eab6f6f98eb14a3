import type { Tx } from "../../db/transaction.ts";
import { recordEvents } from "../../events/record.ts";
import type { ServiceContext } from "../../lib/service-context.ts";
import { candidateQuery, resolveCandidates } from "../candidates.ts";
import { effectEvents, workflowEvent, type InstanceRef } from "../events.ts";
import { insertDecision } from "../instance-repository.ts";
import { findPeople } from "../people-repository.ts";
import { decide, instantiateSteps, newInstance } from "../runtime.ts";
import type { InstanceRun } from "../runtime-types.ts";
import { latestVersion } from "../template-repository.ts";
import {
  findTriggerStart,
  insertTriggerStart,
  insertTriggeredInstance,
  openInstanceOfSituation,
  templateIdOf,
} from "./binding-repository.ts";

// Starting a template because a trigger rule fired: the newest published version, people resolved from its
// candidates (there is no initiator: "initiator" candidates drop out, roles and teams remain), submitted at once
// by the system. One instance per (rule, template, bound object), through the ledger. A rule that names its
// situation (relapseOn) lets a new object of a situation still being handled join the open instance instead.

export type AutoStartOutcome =
  { started: true; instanceId: string } | { started: false; instanceId: string | null; why: string };

export async function startForTrigger(
  tx: Tx,
  context: ServiceContext,
  input: {
    trigger: string;
    templateKey: string;
    bound: { type: string; id: string };
    eventId: string;
    context: InstanceRun["context"];
    /** Context fields naming the situation: an open instance of it takes this object in. */
    relapseOn?: readonly string[];
  },
): Promise<AutoStartOutcome> {
  const key = {
    trigger: input.trigger,
    templateKey: input.templateKey,
    subjectType: input.bound.type,
    subjectId: input.bound.id,
  };
  const existing = await findTriggerStart(tx, key);
  if (existing) return { started: false, instanceId: existing, why: "started already" };
  const joined = input.relapseOn
    ? await joinOpenSituation(tx, context, { ...input, relapseOn: input.relapseOn })
    : null;
  if (joined) return { started: false, instanceId: joined, why: "joined the open instance of its situation" };
  // One after the other: a transaction is one connection, on which pg deprecates sending a query while one runs.
  const version = await latestVersion(tx, input.templateKey);
  const templateId = await templateIdOf(tx, input.templateKey);
  if (!version || !templateId)
    return { started: false, instanceId: null, why: `template ${input.templateKey} is not published` };
  const definition = version.definition;
  const people = await findPeople(tx, candidateQuery(definition));
  const resolved = resolveCandidates(definition, people, { initiatorId: "", boundOwnerId: null });
  const named = Object.fromEntries(
    Object.entries(resolved).map(([step, r]) => [
      step,
      {
        ownerIds: r.ownerIds.filter(Boolean),
        groups: r.groups.map((g) => ({ ...g, userIds: g.userIds.filter(Boolean) })),
      },
    ]),
  );
  const now = context.clock.now();
  const draft = newInstance({
    initiatorId: "",
    boundId: input.bound.id,
    amount: null,
    context: input.context,
    steps: instantiateSteps(definition, named),
  });
  const outcome = decide(definition, draft, { type: "submit" }, { id: null, roles: [], manages: [] }, now);
  if (!outcome.ok) throw new Error(`submitting ${input.templateKey}: ${outcome.refusal.message}`);
  const run = outcome.instance;
  const created = await insertTriggeredInstance(tx, {
    templateId,
    versionId: version.id,
    definition,
    boundType: input.bound.type,
    boundId: input.bound.id,
    run,
    startedAt: now,
  });
  await insertTriggerStart(tx, { ...key, instanceId: created.id, eventId: input.eventId });
  const details = { type: "submit", trigger: input.trigger, eventId: input.eventId };
  await insertDecision(tx, {
    instanceId: created.id,
    stepId: null,
    round: run.round,
    action: "submit",
    actorType: "system",
    actorId: null,
    onBehalfOfId: null,
    reason: `trigger ${input.trigger}`,
    details,
    decidedAt: now,
  });
  const ref: InstanceRef = {
    instanceId: created.id,
    templateKey: input.templateKey,
    templateVersion: version.number,
    boundType: input.bound.type,
    boundId: input.bound.id,
  };
  await recordEvents(tx, context, [
    workflowEvent("WorkflowInitiated", ref, run, { reason: `trigger ${input.trigger}` }, details),
    ...effectEvents(ref, run, outcome.effects, details),
  ]);
  return { started: true, instanceId: created.id };
}

/**
 * The situation relapsed (the same alert rule fired again in the city while its plan is still open): the plan
 * goes on, now also for the new object. The ledger row makes redelivery a no-op and lists the plan on the new
 * object; the decision tells its history why, and the ResponsePlanRelapsed event (with its audit entry) tells
 * everyone else, in the same transaction.
 */
async function joinOpenSituation(
  tx: Tx,
  context: ServiceContext,
  input: Parameters<typeof startForTrigger>[2] & { relapseOn: readonly string[] },
): Promise<string | null> {
  const situation = Object.fromEntries(
    input.relapseOn.flatMap((field) => (field in input.context ? [[field, input.context[field]!]] : [])),
  );
  if (Object.keys(situation).length !== input.relapseOn.length) return null;
  const open = await openInstanceOfSituation(tx, input.templateKey, situation);
  if (!open) return null;
  await insertTriggerStart(tx, {
    trigger: input.trigger,
    templateKey: input.templateKey,
    subjectType: input.bound.type,
    subjectId: input.bound.id,
    instanceId: open.id,
    eventId: input.eventId,
  });
  const reason = `${input.bound.type.replace("_", " ")} ${input.bound.id} of the same situation`;
  const details = { trigger: input.trigger, eventId: input.eventId, bound: input.bound, situation };
  await insertDecision(tx, {
    instanceId: open.id,
    stepId: null,
    round: open.round,
    action: "relapse",
    actorType: "system",
    actorId: null,
    onBehalfOfId: null,
    reason,
    details,
    decidedAt: context.clock.now(),
  });
  const ref: InstanceRef = {
    instanceId: open.id,
    templateKey: input.templateKey,
    templateVersion: open.versionNumber,
    boundType: open.boundType,
    boundId: open.boundId,
  };
  await recordEvents(tx, context, [
    workflowEvent("ResponsePlanRelapsed", ref, open, { reason, joined: input.bound }, details),
  ]);
  return open.id;
}
