import { z } from "zod";
import type { Tx } from "../../db/transaction.ts";
import { withTransaction } from "../../db/transaction.ts";
import { withSetWisePart } from "../../events/batch-handler.ts";
import type { DeliveredEvent, EventHandler } from "../../events/delivered-event.ts";
import { workflowEventPayload } from "../../events/payloads.ts";
import type { ServiceContext } from "../../lib/service-context.ts";
import { loadInstance } from "../instance-repository.ts";
import { OPEN_STATES } from "../runtime-types.ts";
import { startForTrigger } from "./auto-start.ts";
import {
  instanceStartedAt,
  latestMatchingEvent,
  objectsWithOpenInstances,
  openAlertInstancesOfRule,
  openInstancesBoundTo,
  responsePlanKeyOfRule,
} from "./binding-repository.ts";
import {
  boundKindOf,
  closeReason,
  closesBound,
  closeStartsHold,
  matchPayload,
  storedEventQuery,
} from "./bound-events.ts";
import { applySystemDecision } from "./system-decision.ts";
import { firedRules } from "./trigger-rules.ts";

// The workflows.bindings consumer: events of tickets, risk cases and alerts start the templates their trigger
// rules name, reach the wait steps of the instances bound to them, and — when they close the object — end those
// instances by the template's onBoundClose rule. One consumer, so a ticket's creation and resolution arrive in
// order. Its own workflow events (an instance started, a step done) let a newly active wait step catch up with
// the bound object's event it waited for, in case that came first.

const payloadRecord = z.record(z.string(), z.unknown());

export const moveWorkflowsOnBoundEvents: EventHandler = async (db, context, event) => {
  if (event.aggregateType === "workflow")
    return withTransaction(db, (tx) => catchUpWaitSteps(tx, context, event));
  const kind = boundKindOf(event.aggregateType);
  if (!kind) return `ignored ${event.aggregateType} ${event.type}`;
  const payload = payloadRecord.parse(event.payload);
  return withTransaction(db, async (tx) => {
    const notes = [
      ...(await startTriggered(tx, context, event, payload)),
      ...(await moveBound(tx, context, event, payload)),
    ];
    return notes.length ? notes.join("; ") : "nothing to do";
  });
};

/**
 * The consumer a batch at a time: a ticket or case event that starts no template and whose object has no open
 * instance, nearly all of them, is settled by one read for the whole batch; the others go one by one.
 */
export const moveWorkflowsOnBoundEventBatch = withSetWisePart(moveWorkflowsOnBoundEvents, {
  takes: (event) => {
    if (event.aggregateType !== "ticket" && event.aggregateType !== "risk_case") return false;
    const payload = payloadRecord.safeParse(event.payload);
    return payload.success && firedRules({ ...event, payload: payload.data }).length === 0;
  },
  batch: async (db, _contextOf, events) => {
    const bound = await objectsWithOpenInstances(
      db,
      events.map((event) => ({ type: event.aggregateType, id: event.aggregateId })),
    );
    return events.map((event) =>
      bound.has(`${event.aggregateType}:${event.aggregateId}`) ? null : "nothing to do",
    );
  },
});

async function startTriggered(
  tx: Tx,
  context: ServiceContext,
  event: DeliveredEvent,
  payload: Record<string, unknown>,
): Promise<string[]> {
  const notes: string[] = [];
  for (const rule of firedRules({ ...event, payload })) {
    const templateKey =
      typeof rule.template === "string"
        ? rule.template
        : await responsePlanKeyOfRule(tx, String(payload.ruleId));
    if (!templateKey) continue;
    const outcome = await startForTrigger(tx, context, {
      trigger: rule.key,
      templateKey,
      bound: { type: rule.bound, id: event.aggregateId },
      eventId: event.id,
      context: rule.context?.(payload) ?? {},
      ...(rule.relapseOn ? { relapseOn: rule.relapseOn } : {}),
    });
    notes.push(outcome.started ? `started ${templateKey}` : `${templateKey}: ${outcome.why}`);
  }
  return notes;
}

async function moveBound(
  tx: Tx,
  context: ServiceContext,
  event: DeliveredEvent,
  payload: Record<string, unknown>,
): Promise<string[]> {
  const bound = await openInstancesBoundTo(tx, event.aggregateType, event.aggregateId);
  // Alerts of the same rule in the same city concern the same plans: a new one firing is the city relapsing.
  const sameRule =
    event.aggregateType === "alert" &&
    typeof payload.ruleId === "string" &&
    typeof payload.cityId === "string"
      ? await openAlertInstancesOfRule(tx, payload.ruleId, payload.cityId)
      : [];
  const ids = [...new Set([...bound, ...sameRule])];
  const matched = matchPayload(event.aggregateType, event.aggregateId, payload);
  const closing = closesBound(event.type, event.aggregateType, payload);
  let moved = 0;
  let ended = 0;
  for (const id of ids) {
    const result = await applySystemDecision(
      tx,
      context,
      id,
      { type: "event", eventType: event.type, payload: matched },
      { eventId: event.id },
    );
    if (result.changed) moved++;
    if (!closing || !bound.includes(id)) continue;
    const closed = await applySystemDecision(
      tx,
      context,
      id,
      (stored) => {
        if (!OPEN_STATES.includes(stored.run.state) || closeStartsHold(stored.definition, event.type))
          return null;
        const reason = closeReason(event.type, event.aggregateType);
        return stored.definition.onBoundClose === "complete"
          ? { type: "complete_all", reason }
          : { type: "cancel", reason };
      },
      { eventId: event.id },
    );
    if (closed.changed) ended++;
  }
  if (ids.length === 0) return [];
  return [`${moved} of ${ids.length} bound workflows moved${closing ? `, ${ended} ended` : ""}`];
}

/**
 * A wait step just became active: its event may already have happened. The latest event since the instance
 * started that meets the condition or its reset decides: the condition's own (it holds now) or the reset's (the
 * situation came back since; the step keeps waiting).
 */
async function catchUpWaitSteps(tx: Tx, context: ServiceContext, event: DeliveredEvent): Promise<string> {
  if (event.type !== "WorkflowInitiated" && event.type !== "TaskStepCompleted")
    return `ignored ${event.type}`;
  const { instanceId } = workflowEventPayload.parse(event.payload);
  const stored = await loadInstance(tx, instanceId);
  if (!stored || stored.run.boundId === null || !OPEN_STATES.includes(stored.run.state)) return "not open";
  const since = await instanceStartedAt(tx, instanceId);
  let caught = 0;
  for (const step of stored.run.steps) {
    const definition = stored.definition.steps.find((s) => s.key === step.key);
    if (step.state !== "active" || definition?.kind !== "wait_for_event" || !since) continue;
    const { resetOn, ...condition } = definition.event;
    const query = storedEventQuery(condition, stored.boundType, stored.run);
    const reset = resetOn ? storedEventQuery(resetOn, stored.boundType, stored.run) : null;
    if (!query) continue;
    const latest = await latestMatchingEvent(tx, reset ? [query, reset] : [query], since);
    if (!latest || latest.type !== condition.type) continue;
    const result = await applySystemDecision(
      tx,
      context,
      instanceId,
      {
        type: "event",
        eventType: latest.type,
        payload: matchPayload(stored.boundType, latest.aggregateId, latest.payload),
      },
      { caughtUp: true },
    );
    if (result.changed) caught++;
  }
  return caught ? `caught up ${caught} wait steps` : "no wait step to catch up";
}
