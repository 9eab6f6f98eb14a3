import type { InputJsonObject } from "../../db/json.ts";
import type { Tx } from "../../db/transaction.ts";
import { recordEvents } from "../../events/record.ts";
import type { ServiceContext } from "../../lib/service-context.ts";
import { effectEvents, type InstanceRef } from "../events.ts";
import {
  advanceInstance,
  insertDecision,
  loadInstance,
  saveSteps,
  type StoredInstance,
} from "../instance-repository.ts";
import { decide } from "../runtime.ts";
import type { DeciderFacts, Decision, Effect } from "../runtime-types.ts";
import { lockInstance } from "./binding-repository.ts";

// A decision the system takes on an instance (an event of its bound object, time passing, the object closing):
// the engine's decide() under the instance's row lock, its steps and decision stored, its effects recorded as
// events — in the caller's transaction. A decision that changes nothing writes nothing, so redeliveries and
// overlapping clock runs are harmless.

const SYSTEM: DeciderFacts = { id: null, roles: [], manages: [] };

const refOf = (stored: StoredInstance): InstanceRef => ({
  instanceId: stored.id,
  templateKey: stored.templateKey,
  templateVersion: stored.versionNumber,
  boundType: stored.boundType,
  boundId: stored.boundId,
});

export interface SystemDecisionResult {
  /** false when the decision changed nothing (or the instance is gone, or refused it). */
  changed: boolean;
  effects: Effect[];
}

const UNCHANGED: SystemDecisionResult = { changed: false, effects: [] };

export async function applySystemDecision(
  tx: Tx,
  context: ServiceContext,
  instanceId: string,
  decision: Decision | ((stored: StoredInstance) => Decision | null),
  details: InputJsonObject = {},
): Promise<SystemDecisionResult> {
  await lockInstance(tx, instanceId);
  const stored = await loadInstance(tx, instanceId);
  if (!stored) return UNCHANGED;
  const chosen = typeof decision === "function" ? decision(stored) : decision;
  if (!chosen) return UNCHANGED;
  const now = context.clock.now();
  const outcome = decide(stored.definition, stored.run, chosen, SYSTEM, now);
  if (!outcome.ok) return UNCHANGED;
  const after = outcome.instance;
  if (JSON.stringify(after) === JSON.stringify(stored.run)) return UNCHANGED;
  const moved = await advanceInstance(tx, stored.id, stored.lockVersion, {
    state: after.state,
    round: after.round,
    at: now,
    ...(chosen.type === "cancel" || chosen.type === "complete_all" ? { endedReason: chosen.reason } : {}),
  });
  // The row lock above makes this impossible; a failure here is a bug, not a race.
  if (!moved) throw new Error(`workflow ${stored.id} moved under its row lock`);
  const stepIds = await saveSteps(tx, stored, after);
  const firstStep = outcome.effects.find((effect) => effect.type !== "state");
  const stepKey =
    "stepKey" in chosen ? chosen.stepKey : firstStep && "stepKey" in firstStep ? firstStep.stepKey : null;
  const decisionDetails = { ...(chosen as unknown as InputJsonObject), ...details };
  await insertDecision(tx, {
    instanceId: stored.id,
    stepId: stepKey === null ? null : (stepIds.get(stepKey) ?? null),
    round: after.round,
    action: chosen.type,
    actorType: "system",
    actorId: null,
    onBehalfOfId: null,
    reason: "reason" in chosen ? (chosen.reason ?? null) : null,
    details: decisionDetails,
    decidedAt: now,
  });
  const events = effectEvents(refOf(stored), after, outcome.effects, decisionDetails);
  if (events.length > 0) await recordEvents(tx, context, events);
  return { changed: true, effects: outcome.effects };
}
