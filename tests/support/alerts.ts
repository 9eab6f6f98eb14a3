import { randomBytes } from "node:crypto";
import { createCaller } from "../../server/api/root.ts";
import type { Context } from "../../server/api/trpc.ts";
import type { SessionUser } from "../../server/auth/repository.ts";
import { getDb } from "../../server/db/client.ts";
import { ruleToRow, alertRuleSchema, type AlertRule } from "../../server/alerts/rules.ts";
import { verifiedSession } from "./sessions.ts";
import { logger } from "../../server/lib/logger.ts";

// Fixtures for alert tests: rules stored as the editor would store them, a tRPC caller.

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

export function eventsOf(aggregateId: string, type?: string) {
  return getDb().domainEvent.findMany({
    where: { aggregateId, ...(type ? { type } : {}) },
    orderBy: { seq: "asc" },
  });
}
