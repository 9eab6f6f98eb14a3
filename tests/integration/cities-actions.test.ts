import { describe, expect, it } from "vitest";
import { evaluateAllAlerts } from "../../server/alerts/service.ts";
import { ingestIndicators } from "../../server/cities/ingest.ts";
import { getDb } from "../../server/db/client.ts";
import { callerFor, createPlanTemplate, createRule, eventsOf } from "../support/alerts.ts";
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
  it("starts once from an alert, ticks in order, records each step and completes", async () => {
    const template = await createPlanTemplate();
    const user = await createUser(["city_manager"]);
    const manager = await callerFor(user);
    const { alert } = await firingAlert({ responsePlanId: template.id });

    const started = await manager.alerts.startPlan({ alertId: alert.id });
    expect(started).toMatchObject({
      status: "running",
      alertId: alert.id,
      steps: [{ position: 1 }, { position: 2 }],
    });
    expect(started.titles.widen_radius).toEqual({ en: "Widen dispatch radius", ja: "配車範囲を広げる" });
    await expect(manager.alerts.startPlan({ alertId: alert.id })).rejects.toMatchObject({ code: "CONFLICT" });

    await expect(manager.alerts.tickStep({ runId: started.id, position: 2 })).rejects.toMatchObject({
      message: expect.stringMatching(/comes first/),
    });
    const afterFirst = await manager.alerts.tickStep({ runId: started.id, position: 1 });
    expect(afterFirst.steps[0]).toMatchObject({ doneById: user.id, doneAt: expect.any(Date) });
    const done = await manager.alerts.tickStep({ runId: started.id, position: 2 });
    expect(done).toMatchObject({ status: "completed", completedAt: expect.any(Date) });
    await expect(manager.alerts.tickStep({ runId: started.id, position: 2 })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
    });

    const events = await eventsOf(alert.id);
    expect(events.map((e) => e.type)).toEqual([
      "AlertTriggered",
      "ResponsePlanStarted",
      "ResponsePlanExecuted",
      "ResponsePlanExecuted",
    ]);
    expect(events.at(-1)?.payload).toMatchObject({ position: 2, step: "widen_radius", complete: true });
  });

  it("refuses to start a plan for a rule without one", async () => {
    const manager = await callerFor(await createUser(["city_manager"]));
    const { alert } = await firingAlert();
    await expect(manager.alerts.startPlan({ alertId: alert.id })).rejects.toMatchObject({
      message: "This alert's rule has no response plan.",
    });
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
