import { randomUUID } from "node:crypto";
import { getDb } from "../../server/db/client.ts";
import { withTransaction } from "../../server/db/transaction.ts";
import { applySystemDecision } from "../../server/workflows/bindings/system-decision.ts";
import { createRule } from "./alerts.ts";
import { drain } from "./backbone.ts";
import { createCity } from "./cities.ts";
import { alertTriggered, instancesBoundTo, systemAt } from "./workflow-bindings.ts";

// A city response plan under test: a city and a rule naming the courier_shortage plan, its alert firing (the
// plan starts, bound to it), its tasks done, and the state of its recovery step.

const db = getDb();

/** The courier_shortage plan's tasks, in order (its last step waits for the city to recover). */
export const PLAN_TASKS = ["raise_incentive", "widen_radius", "throttle_orders", "notify_restaurants"];

/** A task done by the system (as a person's completion would be), through the engine, these items ticked. */
export async function completeBySystem(instanceId: string, stepKey: string, checked: string[] = []) {
  const result = await withTransaction(db, (tx) =>
    applySystemDecision(tx, systemAt(), instanceId, { type: "complete", stepKey, checked }),
  );
  if (!result.changed) throw new Error(`completing ${stepKey} of ${instanceId} changed nothing`);
}

/** A new city and rule whose alert fires; the plan it started. */
export async function firingPlan(planTemplateId: string | undefined) {
  const city = await createCity(`Plan city ${randomUUID().slice(0, 6)}`);
  const rule = await createRule({ cityId: city.id, responsePlanId: planTemplateId });
  const alertId = randomUUID();
  await alertTriggered(alertId, rule, city.id);
  await drain("workflows.bindings");
  const [plan, ...more] = await instancesBoundTo("alert", alertId);
  if (!plan || more.length > 0)
    throw new Error(`alert ${alertId} started ${more.length + (plan ? 1 : 0)} plans`);
  return { city, rule, alertId, planId: plan.id };
}

export const recoveryState = async (planId: string) =>
  (await db.workflowStep.findFirstOrThrow({ where: { instanceId: planId, key: "city_recovered" } })).state;

export const instanceState = async (planId: string) =>
  (await db.workflowInstance.findUniqueOrThrow({ where: { id: planId } })).state;
