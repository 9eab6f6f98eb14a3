import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { drain } from "../support/backbone.ts";
import { createUser } from "../support/fixtures.ts";
import {
  alertResolved,
  alertTriggered,
  instancesBoundTo,
  publishRepositoryTemplates,
  systemAt,
} from "../support/workflow-bindings.ts";
import {
  completeBySystem,
  firingPlan,
  instanceState,
  PLAN_TASKS,
  recoveryState,
} from "../support/workflow-plans.ts";
import { getDb } from "../../server/db/client.ts";
import { userContext } from "../../server/lib/service-context.ts";
import { runWorkflowClock } from "../../server/workflows/bindings/clock.ts";
import { moveWorkflowsOnBoundEvents } from "../../server/workflows/bindings/consumer.ts";
import { workflowsOfBound } from "../../server/workflows/queries.ts";

// A city relapsing while its response plan runs: the same rule fires again in the same city. The plan that is
// already open goes on (no second plan starts), the new alert shows it, and the plan finishes only once the
// city has stayed recovered from the relapse — whichever alert of the rule resolves last.

const db = getDb();
const CONSUMER = "workflows.bindings";
const MINUTE = 60_000;
let templateIds: Map<string, string>;

beforeAll(async () => {
  templateIds = await publishRepositoryTemplates();
  await createUser(["city_manager"]);
  await drain(CONSUMER);
});

describe("a response plan when its city relapses", () => {
  it("goes on for the new alert instead of a second plan, and finishes once the relapse has stayed resolved", async () => {
    const { city, rule, alertId, planId } = await firingPlan(templateIds.get("courier_shortage"));
    for (const step of PLAN_TASKS) await completeBySystem(planId, step);
    await alertResolved(alertId, rule, city.id);
    await drain(CONSUMER);
    expect(await recoveryState(planId)).toBe("holding");

    const relapse = randomUUID();
    const fired = await alertTriggered(relapse, rule, city.id);
    await drain(CONSUMER);
    expect(await instancesBoundTo("alert", relapse)).toHaveLength(0);
    expect(await recoveryState(planId)).toBe("active");
    const joined = await db.workflowDecision.findMany({ where: { instanceId: planId, action: "relapse" } });
    expect(joined).toHaveLength(1);
    expect(joined[0]?.reason).toContain(relapse);
    await expectOneRelapseRecorded(planId, relapse);
    // The relapsed alert's page shows the plan that handles it.
    const admin = await createUser(["admin"]);
    const panel = await workflowsOfBound(db, userContext(admin, "relapse-test"), {
      type: "alert",
      id: relapse,
    });
    expect(panel.workflows.map((w) => w.workflow.id)).toEqual([planId]);
    expect(panel.startable.map((t) => t.key)).not.toContain("courier_shortage");

    // Redelivering the relapse joins nothing twice.
    expect(await moveWorkflowsOnBoundEvents(db, systemAt(undefined, CONSUMER), fired)).toContain(
      "started already",
    );
    expect(await db.workflowTriggerStart.count({ where: { subjectId: relapse } })).toBe(1);
    await expectOneRelapseRecorded(planId, relapse);

    await runWorkflowClock(db, systemAt(new Date(Date.now() + 30 * MINUTE)));
    expect(await instanceState(planId)).toBe("in_progress");

    const resolvedAt = Date.now();
    await alertResolved(relapse, rule, city.id);
    await drain(CONSUMER);
    expect(await recoveryState(planId)).toBe("holding");
    await runWorkflowClock(db, systemAt(new Date(resolvedAt + 10 * MINUTE)));
    expect(await instanceState(planId)).toBe("in_progress");
    await runWorkflowClock(db, systemAt(new Date(resolvedAt + 16 * MINUTE)));
    expect(await instanceState(planId)).toBe("completed");
  });

  it("a relapse before the tasks are done keeps the recovery waiting for the new alert to resolve", async () => {
    const { city, rule, alertId, planId } = await firingPlan(templateIds.get("courier_shortage"));
    await completeBySystem(planId, PLAN_TASKS[0]!);
    await alertResolved(alertId, rule, city.id);
    const relapse = randomUUID();
    await alertTriggered(relapse, rule, city.id);
    await drain(CONSUMER);
    for (const step of PLAN_TASKS.slice(1)) await completeBySystem(planId, step);
    await drain(CONSUMER);
    // The first alert's resolution came before the relapse: the city has not recovered.
    expect(await recoveryState(planId)).toBe("active");

    await alertResolved(relapse, rule, city.id);
    await drain(CONSUMER);
    expect(await recoveryState(planId)).toBe("holding");
  });

  it("a plan already finished does not take the next alert: that one starts its own plan", async () => {
    const { city, rule, alertId, planId } = await firingPlan(templateIds.get("courier_shortage"));
    for (const step of PLAN_TASKS) await completeBySystem(planId, step);
    const resolvedAt = Date.now();
    await alertResolved(alertId, rule, city.id);
    await drain(CONSUMER);
    await runWorkflowClock(db, systemAt(new Date(resolvedAt + 16 * MINUTE)));
    expect(await instanceState(planId)).toBe("completed");

    const later = randomUUID();
    await alertTriggered(later, rule, city.id);
    await drain(CONSUMER);
    const [fresh] = await instancesBoundTo("alert", later);
    expect(fresh?.template.key).toBe("courier_shortage");
    expect(fresh?.id).not.toBe(planId);
    const relapsed = { type: "ResponsePlanRelapsed", aggregateId: planId };
    expect(await db.domainEvent.count({ where: relapsed })).toBe(0);
  });
});

/** The plan's relapse event, naming the new alert, and its audit entry: each exactly once. */
async function expectOneRelapseRecorded(planId: string, relapse: string) {
  const events = await db.domainEvent.findMany({
    where: { type: "ResponsePlanRelapsed", aggregateType: "workflow", aggregateId: planId },
  });
  expect(events).toHaveLength(1);
  expect(events[0]?.payload).toMatchObject({
    instanceId: planId,
    templateKey: "courier_shortage",
    state: "in_progress",
    joined: { type: "alert", id: relapse },
  });
  const audits = await db.auditLog.findMany({
    where: { action: "ResponsePlanRelapsed", entityType: "workflow", entityId: planId },
  });
  expect(audits).toHaveLength(1);
  expect(audits[0]?.eventId).toBe(events[0]?.id);
  expect(audits[0]?.details).toMatchObject({ joined: { id: relapse }, trigger: expect.any(String) });
}
