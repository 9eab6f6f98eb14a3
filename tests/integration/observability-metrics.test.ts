import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { renderMetrics } from "../../server/ops/metrics.ts";
import { createRule } from "../support/alerts.ts";
import { createCity } from "../support/cities.ts";
import { newTicket, supportTeams } from "../support/tickets.ts";

// /api/metrics' business gauges on real PostgreSQL: SLA compliance, open tickets, risk handling time, alert
// resolution time per city, workflow backlog and indicator staleness, each moved by the rows behind it.

const db = getDb();
const MINUTE = 60_000;

/** One sample's value from the Prometheus text, or undefined when the series is absent. */
async function scrape() {
  const { body } = await renderMetrics(db);
  return (name: string, labels: Record<string, string>) => {
    const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
    const line = body
      .split("\n")
      .find(
        (l) => /^[\w]+[{ ]/.exec(l)?.[0].slice(0, -1) === name && wanted.every((pair) => l.includes(pair)),
      );
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
  };
}

beforeAll(() => supportTeams());

describe("business gauges", () => {
  it("counts the last day's resolved tickets and the share that met their SLA, by priority and in all", async () => {
    const before = await scrape();
    const resolvedBefore = before("ops_sla_resolved_24h", { priority: "P2" }) ?? 0;
    const metBefore = resolvedBefore * (before("ops_sla_compliance_ratio", { priority: "P2" }) ?? 0);
    const openBefore = before("ops_tickets_open", { priority: "P2" }) ?? 0;
    const now = Date.now();
    const tickets = await Promise.all([1, 2, 3, 4].map(() => newTicket({ priority: "P2" })));
    const outcomes = [
      { resolvedAt: new Date(now - 5 * MINUTE) },
      { resolvedAt: new Date(now - 60 * MINUTE) },
      { resolvedAt: new Date(now - 30 * MINUTE), resolutionBreachedAt: new Date(now - 40 * MINUTE) },
      // Resolved two days ago: outside the window.
      { resolvedAt: new Date(now - 48 * 60 * MINUTE) },
    ];
    for (const [n, ticket] of tickets.entries()) {
      await db.ticket.update({ where: { id: ticket.id }, data: { status: "resolved", ...outcomes[n] } });
    }
    const open = await newTicket({ priority: "P2" });

    const after = await scrape();
    expect(after("ops_sla_resolved_24h", { priority: "P2" })).toBe(resolvedBefore + 3);
    expect(after("ops_sla_compliance_ratio", { priority: "P2" })).toBeCloseTo(
      (metBefore + 2) / (resolvedBefore + 3),
      9,
    );
    expect(after("ops_tickets_open", { priority: "P2" })).toBe(openBefore + 1);
    expect(after("ops_sla_resolved_24h", { priority: "all" })).toBeGreaterThanOrEqual(resolvedBefore + 3);
    expect(open.status).not.toBe("resolved");
  });

  it("reports a city's alert resolution time, its indicator staleness, and risk handling by level", async () => {
    const city = await createCity();
    const rule = await createRule({ cityId: city.id });
    const now = Date.now();
    const alert = (firedMinutesAgo: number, resolvedMinutesAgo: number) => ({
      ruleId: rule.id,
      cityId: city.id,
      state: "resolved" as const,
      severity: "warning" as const,
      pendingSince: new Date(now - (firedMinutesAgo + 1) * MINUTE),
      firedAt: new Date(now - firedMinutesAgo * MINUTE),
      resolvedAt: new Date(now - resolvedMinutesAgo * MINUTE),
      lastEvaluatedAt: new Date(now),
    });
    // Resolved after 10 and 30 minutes: a mean of 20.
    await db.alert.createMany({ data: [alert(50, 40), alert(60, 30)] });
    await db.cityIndicator.create({
      data: {
        cityId: city.id,
        metric: "orders",
        bucketStart: new Date(now - 10 * MINUTE),
        value: 12,
        updatedAt: new Date(now - 2 * MINUTE),
      },
    });
    const level = "critical";
    const closedBefore = (await scrape())("ops_risk_cases_closed_24h", { level }) ?? 0;
    await db.riskCase.create({
      data: {
        type: "refund_abuse",
        subjectType: "consumer",
        subjectId: `cus-${randomUUID()}`,
        status: "closed",
        score: 90,
        level,
        contributions: [],
        ruleSetVersion: 1,
        queue: "risk",
        openedAt: new Date(now - 90 * MINUTE),
        acknowledgedAt: new Date(now - 80 * MINUTE),
        closedAt: new Date(now - 30 * MINUTE),
      },
    });

    const value = await scrape();
    expect(value("ops_alerts_resolved_24h", { city: city.code })).toBe(2);
    expect(value("ops_alert_resolution_seconds", { city: city.code })).toBeCloseTo(20 * 60, 3);
    const staleness = value("ops_indicator_staleness_seconds", { city: city.code })!;
    expect(staleness).toBeGreaterThanOrEqual(120);
    expect(staleness).toBeLessThan(120 + 60);
    expect(value("ops_risk_cases_closed_24h", { level })).toBe(closedBefore + 1);
    expect(value("ops_risk_case_handling_seconds", { level })).toBeGreaterThan(0);
  });

  it("counts the workflow steps open per state and those past due, and no failed family", async () => {
    const states = ["blocked", "active", "holding"] as const;
    const before = await scrape();
    const open = (read: typeof before, state: string) => read("ops_workflow_steps_open", { state });
    const overdue = (read: typeof before, state: string) => read("ops_workflow_steps_overdue", { state });
    const openBefore = states.map((state) => open(before, state)!);
    const overdueBefore = states.map((state) => overdue(before, state)!);

    const template = await db.workflowTemplate.create({
      data: {
        key: `metrics-${randomUUID()}`,
        name: "Metrics",
        nameJa: "メトリクス",
        kind: "approval",
        steps: [],
      },
    });
    const instance = await db.workflowInstance.create({
      data: { templateId: template.id, subjectType: "ticket", subjectId: randomUUID() },
    });
    const now = Date.now();
    const steps = [
      { state: "active", dueAt: new Date(now - 10 * MINUTE) }, // overdue
      { state: "active", dueAt: new Date(now + 60 * MINUTE) },
      { state: "holding", dueAt: null },
      { state: "blocked", dueAt: new Date(now - 5 * MINUTE) }, // overdue
      { state: "done", dueAt: new Date(now - 5 * MINUTE) }, // not open: counted nowhere
    ] as const;
    await db.workflowStep.createMany({
      data: steps.map((step, position) => ({
        instanceId: instance.id,
        position,
        key: `step-${position}`,
        title: `Step ${position}`,
        ...step,
      })),
    });

    const value = await scrape();
    expect(states.map((state) => open(value, state)! - openBefore[states.indexOf(state)]!)).toEqual([
      1, 2, 1,
    ]);
    expect(states.map((state) => overdue(value, state)! - overdueBefore[states.indexOf(state)]!)).toEqual([
      1, 1, 0,
    ]);
    for (const family of [
      "counts",
      "consumers",
      "tickets",
      "sla",
      "risk",
      "alerts",
      "workflows",
      "indicators",
    ]) {
      expect(value("ops_metrics_collect_failed", { family })).toBe(0);
    }
    // The inbox depth is reported by a process running no inbox worker too.
    expect(value("ops_inbox_pending", {})).toBeGreaterThanOrEqual(0);
  });
});
