import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvent } from "../events/record.ts";
import { lockCities } from "../indicators/cities.ts";
import { AppError } from "../lib/errors.ts";
import { actingUser, requirePermission, type ServiceContext } from "../lib/service-context.ts";
import type { AlertIdInput, TickStepInput } from "./contract.ts";
import { isOpen } from "./evaluator.ts";
import {
  completePlanRun,
  createPlanRun,
  findPlanRun,
  findPlanTemplate,
  markStepDone,
  planRunsOf,
  type PlanRun,
} from "./plan-repository.ts";
import { findAlertWithContext } from "./repository.ts";
import { instantiatePlan, responsePlanStepsSchema, tickStep } from "./response-plan.ts";

// Running a rule's response plan from one of its alerts. Starting records ResponsePlanStarted; every ticked
// step records ResponsePlanExecuted (with `complete: true` on the last), so the audit trail reads as the
// incident's timeline step by step rather than only its end.

function personOf(context: ServiceContext) {
  requirePermission(context, "alerts:manage");
  const user = actingUser(context);
  if (!user) throw new AppError("FORBIDDEN", "Only a person can run a response plan.");
  return user;
}

/** The run's step titles are in the language of whoever starts it. */
export async function startResponsePlan(
  db: Db,
  context: ServiceContext,
  { alertId }: AlertIdInput,
): Promise<PlanRun> {
  const user = personOf(context);
  const now = context.clock.now();
  const runId = await withTransaction(db, async (tx) => {
    const found = await findAlertWithContext(tx, alertId);
    if (!found) throw new AppError("NOT_FOUND", "No such alert.");
    await lockCities(tx, [found.city.id]);
    if (!isOpen(found.alert))
      throw new AppError("UNPROCESSABLE", "The alert is resolved; its plan can no longer start.");
    const templateId = found.rule.responsePlanId;
    if (templateId === null) throw new AppError("UNPROCESSABLE", "This alert's rule has no response plan.");
    if ((await planRunsOf(tx, [alertId])).length > 0) {
      throw new AppError("CONFLICT", "The response plan of this alert has already been started.");
    }
    const template = await findPlanTemplate(tx, templateId);
    const steps = responsePlanStepsSchema.safeParse(template?.steps);
    if (!template || !steps.success)
      throw new AppError("UNPROCESSABLE", "The response plan template is not usable.");
    const instanceSteps = instantiatePlan(steps.data, user.locale === "ja" ? "ja" : "en");
    const id = await createPlanRun(tx, {
      alertId,
      templateId,
      startedById: user.id,
      startedAt: now,
      steps: instanceSteps,
    });
    await recordEvent(tx, context, {
      type: "ResponsePlanStarted",
      aggregateType: "alert",
      aggregateId: alertId,
      payload: { instanceId: id, plan: template.key, city: found.city.code, steps: instanceSteps.length },
    });
    return id;
  });
  return loadRun(db, runId);
}

async function loadRun(db: Db, id: string): Promise<PlanRun> {
  const run = await findPlanRun(db, id);
  if (!run) throw new AppError("NOT_FOUND", "No such response plan run.");
  return run;
}

export async function tickResponsePlanStep(
  db: Db,
  context: ServiceContext,
  { runId, position }: TickStepInput,
): Promise<PlanRun> {
  const userId = personOf(context).id;
  const now = context.clock.now();
  await withTransaction(db, async (tx) => {
    const before = await findPlanRun(tx, runId);
    if (!before) throw new AppError("NOT_FOUND", "No such response plan run.");
    const alert = await findAlertWithContext(tx, before.alertId);
    if (!alert) throw new AppError("NOT_FOUND", "The plan's alert no longer exists.");
    await lockCities(tx, [alert.city.id]);
    const run = await findPlanRun(tx, runId);
    if (!run) throw new AppError("NOT_FOUND", "No such response plan run.");
    if (run.status !== "running")
      throw new AppError("UNPROCESSABLE", "This response plan is already complete.");
    const result = tickStep(run.steps, position, now, userId);
    if (!result.ok) throw new AppError("UNPROCESSABLE", result.reason);
    const step = run.steps.find((candidate) => candidate.position === position);
    if (!step || !(await markStepDone(tx, step.id, now, userId))) {
      throw new AppError("CONFLICT", "Someone ticked this step meanwhile; reload.");
    }
    if (result.complete) await completePlanRun(tx, run.id, now);
    await recordEvent(tx, context, {
      type: "ResponsePlanExecuted",
      aggregateType: "alert",
      aggregateId: run.alertId,
      payload: {
        instanceId: run.id,
        position,
        step: step.key,
        title: step.title,
        complete: result.complete,
        city: alert.city.code,
      },
    });
  });
  return loadRun(db, runId);
}
