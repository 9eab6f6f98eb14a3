import { describe, expect, it } from "vitest";
import { evaluateAllAlerts } from "../../server/alerts/service.ts";
import { ingestIndicators } from "../../server/cities/ingest.ts";
import { getDb } from "../../server/db/client.ts";
import { randomUUID } from "node:crypto";
import { runWorkflowClock } from "../../server/workflows/bindings/clock.ts";
import { callerFor, createRule, eventsOf } from "../support/alerts.ts";
import { drain } from "../support/backbone.ts";
import { publishDefinition } from "../support/workflow-bindings.ts";
import { createCity, jobAt, run } from "../support/cities.ts";
import { createUser } from "../support/fixtures.ts";

// What a city manager does with an alert, through the tRPC procedures the screens call.

/** A firing alert in a fresh city, raised by the evaluator on ingest at the current time. */
async function firingAlert(fields: Record<string, unknown> = {}) {
  const city = await createCity();
  const rule = await createRule({ cityId: city.id, ...fields });
  const now = new Date();
  const last = new Date(Math.floor(now.getTime() / 300_000) * 300_000 - 300_000);
  await ingestIndicators(getDb(), jobAt(now, "t"), {
    points: run(city.code, "avg_delivery_minutes", last, [77]),
  });
  const alert = await getDb().alert.findFirstOrThrow({ where: { cityId: city.id, state: "firing" } });
  return { city, rule, alert };
}

describe("acknowledge, silence and resolve", () => {
  it("records an event for each, refuses repeats, and lets a still-breaching rule open a new alert", async () => {
    const manager = await callerFor(await createUser(["city_manager"]));
    const { city, alert } = await firingAlert();

    await manager.alerts.acknowledge({ alertId: alert.id });
    await expect(manager.alerts.acknowledge({ alertId: alert.id })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "The alert is already acknowledged",
    });
    await manager.alerts.silence({ alertId: alert.id, minutes: 30 });
    const silenced = await getDb().alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(silenced.silencedUntil?.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    await manager.alerts.unsilence({ alertId: alert.id });
    await manager.alerts.resolve({ alertId: alert.id });
    expect(await getDb().alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
      state: "resolved",
      openKey: null,
      acknowledgedAt: expect.any(Date),
      silencedUntil: null,
    });
    await expect(manager.alerts.resolve({ alertId: alert.id })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
    });
    expect((await eventsOf(alert.id)).map((e) => [e.type, e.actorType])).toEqual([
      ["AlertTriggered", "system"],
      ["AlertAcknowledged", "user"],
      ["AlertSilenced", "user"],
      ["AlertSilenced", "user"],
      ["AlertResolved", "user"],
    ]);
    const audit = await getDb().auditLog.count({ where: { entityId: alert.id } });
    expect(audit).toBe(5);

    await evaluateAllAlerts(getDb(), jobAt(new Date()));
    const reopened = await getDb().alert.findMany({ where: { cityId: city.id, openKey: { not: null } } });
    expect(reopened).toHaveLength(1);
    expect(reopened[0]?.id).not.toBe(alert.id);
  });

  it("refuses people without alerts:manage", async () => {
    const agent = await callerFor(await createUser(["support_agent"]));
    const { alert } = await firingAlert();
    await expect(agent.alerts.acknowledge({ alertId: alert.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(agent.cities.board()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("response plans", () => {
  /** A response plan on the workflow engine: two tasks for city managers, then the city's recovery held 15 min. */
  async function planTemplate() {
    return publishDefinition({
      key: `plan_${randomUUID().slice(0, 8)}`,
      name: "Courier shortage",
      nameJa: "配達員不足への対応",
      version: "1",
      kind: "response_plan",
      bindings: ["alert"],
      steps: [
        {
          key: "raise_incentive",
          kind: "task",
          title: "Raise courier incentive",
          titleJa: "インセンティブを上げる",
          candidates: { roles: ["city_manager"] },
        },
        {
          key: "widen_radius",
          kind: "task",
          title: "Widen dispatch radius",
          titleJa: "配車範囲を広げる",
          candidates: { roles: ["city_manager"] },
        },
        {
          key: "city_recovered",
          kind: "wait_for_event",
          title: "The city has recovered for 15 minutes",
          titleJa: "都市の指標が 15 分間回復している",
          event: { type: "AlertResolved", match: { alertId: "$bound" }, holdMinutes: 15 },
        },
      ],
      onBoundClose: "complete",
    });
  }

  it("starts from its alert, ticks in order through the workflow engine and completes once the city has recovered", async () => {
    const user = await createUser(["city_manager"]);
    const manager = await callerFor(user);
    const { city, alert } = await firingAlert({ responsePlanId: await planTemplate() });
    await drain("workflows.bindings");
    const planOf = async () => {
      const detail = await manager.cities.detail({ code: city.code });
      return detail.plans.find((plan) => plan.alertId === alert.id);
    };
    const started = await planOf();
    expect(started).toMatchObject({ state: "pending", alertId: alert.id });
    expect(started?.steps.map((s) => [s.key, s.state])).toEqual([
      ["raise_incentive", "active"],
      ["widen_radius", "blocked"],
      ["city_recovered", "blocked"],
    ]);
    expect(started?.titles.widen_radius).toEqual({ en: "Widen dispatch radius", ja: "配車範囲を広げる" });

    const runId = started!.id;
    await expect(manager.alerts.tickStep({ runId, stepKey: "widen_radius" })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
    });
    await manager.alerts.tickStep({
      runId,
      stepKey: "raise_incentive",
      expectedVersion: started!.lockVersion,
    });
    // A tick on the version seen before someone else's tick is a conflict, not a second tick.
    await expect(
      manager.alerts.tickStep({ runId, stepKey: "widen_radius", expectedVersion: started!.lockVersion }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await manager.alerts.tickStep({ runId, stepKey: "widen_radius" });
    const ticked = await planOf();
    expect(ticked?.steps[0]).toMatchObject({ doneById: user.id, doneAt: expect.any(Date) });
    // Every task done, yet the plan runs on until the city has recovered.
    expect(ticked?.state).toBe("in_progress");
    expect(ticked?.steps[2]?.state).toBe("active");

    await manager.alerts.resolve({ alertId: alert.id });
    await drain("workflows.bindings");
    const holding = await planOf();
    expect(holding?.steps[2]).toMatchObject({ state: "holding", heldSince: expect.any(Date) });
    await runWorkflowClock(getDb(), jobAt(new Date(Date.now() + 16 * 60_000), "workflows.clock"));
    const done = await planOf();
    expect(done).toMatchObject({ state: "completed", completedAt: expect.any(Date) });

    const events = await eventsOf(runId);
    expect(events.map((e) => e.type)).toEqual([
      "WorkflowInitiated",
      "WorkflowStepAssigned",
      "TaskStepCompleted",
      "WorkflowStepAssigned",
      "TaskStepCompleted",
      "TaskStepCompleted",
      "WorkflowCompleted",
    ]);
  });

  it("starts no plan for a rule without one", async () => {
    const manager = await callerFor(await createUser(["city_manager"]));
    const { city, alert } = await firingAlert();
    await drain("workflows.bindings");
    const detail = await manager.cities.detail({ code: city.code });
    expect(detail.alerts.find((a) => a.id === alert.id)?.hasResponsePlan).toBe(false);
    expect(detail.plans).toEqual([]);
  });
});

describe("rule editor", () => {
  it("creates and edits rules with field-named errors and optimistic versions, and previews them", async () => {
    const manager = await callerFor(await createUser(["city_manager"]));
    const city = await createCity();
    const input = {
      name: "Cancellations above 9%",
      kind: "threshold",
      metric: "cancellation_rate",
      operator: "above",
      threshold: 9,
      cityId: city.id,
      severity: "warning",
    };
    const invalid = await manager.alerts.rules.create({ rule: input }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({
      code: "BAD_REQUEST",
      cause: { details: { fieldErrors: { threshold: [expect.stringMatching(/ratio between 0 and 1/)] } } },
    });
    const created = await manager.alerts.rules.create({ rule: { ...input, threshold: 0.09 } });
    expect(created).toMatchObject({
      version: 1,
      cityCode: city.code,
      rule: { threshold: 0.09, forSeconds: 0 },
    });

    const edited = await manager.alerts.rules.update({
      id: created.id,
      version: 1,
      rule: { ...input, threshold: 0.1 },
    });
    expect(edited).toMatchObject({ version: 2, rule: { threshold: 0.1 } });
    await expect(
      manager.alerts.rules.update({ id: created.id, version: 1, rule: { ...input, threshold: 0.2 } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await eventsOf(created.id)).map((e) => e.type)).toEqual(["AlertRuleCreated", "AlertRuleUpdated"]);

    const now = Date.now();
    const last = new Date(Math.floor(now / 300_000) * 300_000 - 3_600_000);
    await ingestIndicators(getDb(), jobAt(new Date(now), "t"), {
      points: run(city.code, "cancellation_rate", last, [0.05, 0.05, 0.15, 0.16, 0.05, 0.05, 0.2, 0.05]),
    });
    const preview = await manager.alerts.rules.preview({
      rule: { ...input, threshold: 0.1 },
      cityId: city.id,
    });
    expect(preview.firedCount).toBe(2);
    expect(preview.points).toHaveLength(8);
  });
});
