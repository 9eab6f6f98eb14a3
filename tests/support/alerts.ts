import { randomBytes } from "node:crypto";
import { createCaller } from "../../server/api/root.ts";
import type { Context } from "../../server/api/trpc.ts";
import type { SessionUser } from "../../server/auth/repository.ts";
import { getDb } from "../../server/db/client.ts";
import { ruleToRow, alertRuleSchema, type AlertRule } from "../../server/alerts/rules.ts";
import { verifiedSession } from "./sessions.ts";
import { logger } from "../../server/lib/logger.ts";

// Fixtures for alert tests: rules stored as the editor would store them, plan templates, a tRPC caller.

export function callerFor(user: SessionUser) {
  return createCaller({
    db: getDb(),
    user,
    session: verifiedSession(user),
    correlationId: `test-${randomBytes(3).toString("hex")}`,
    log: logger,
  } satisfies Context);
}

export async function createRule(fields: Record<string, unknown>): Promise<AlertRule> {
  const rule = alertRuleSchema.parse({
    id: crypto.randomUUID(),
    name: "Delivery time above 45 min",
    kind: "threshold",
    metric: "avg_delivery_minutes",
    operator: "above",
    threshold: 45,
    severity: "warning",
    ...fields,
  });
  const row = ruleToRow(rule);
  await getDb().alertRule.create({
    data: { ...row, metric: rule.metric, kind: rule.kind, severity: rule.severity },
  });
  return rule;
}

export async function createPlanTemplate() {
  return getDb().workflowTemplate.create({
    data: {
      key: `plan_${randomBytes(4).toString("hex")}`,
      name: "Courier shortage",
      nameJa: "配達員不足への対応",
      kind: "response_plan",
      steps: [
        { key: "raise_incentive", title: "Raise courier incentive", titleJa: "インセンティブを上げる" },
        { key: "widen_radius", title: "Widen dispatch radius", titleJa: "配車範囲を広げる" },
      ],
    },
  });
}

/** The support teams tickets route to (delivery delays go to "consumer"); created once per database. */
export async function ensureSupportTeams() {
  const db = getDb();
  const calendar = await db.businessCalendar.upsert({
    where: { name: "Alerts test calendar" },
    create: {
      name: "Alerts test calendar",
      timezone: "Asia/Tokyo",
      dayStartMin: 540,
      dayEndMin: 1080,
      workDays: [1, 2, 3, 4, 5],
    },
    update: {},
  });
  for (const key of ["consumer", "restaurant", "courier"]) {
    await db.team.upsert({
      where: { key },
      create: { key, name: `${key} support`, nameJa: `${key}サポート`, calendarId: calendar.id },
      update: {},
    });
  }
}

export function eventsOf(aggregateId: string, type?: string) {
  return getDb().domainEvent.findMany({
    where: { aggregateId, ...(type ? { type } : {}) },
    orderBy: { seq: "asc" },
  });
}
