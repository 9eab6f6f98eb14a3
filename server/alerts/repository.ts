import type { Queryable, Tx } from "../db/transaction.ts";
import type { Metric } from "../indicators/metrics.ts";
import { logger } from "../lib/logger.ts";
import type { AlertInstance } from "./evaluator.ts";
import { ruleFromRow, type AlertRule } from "./rules.ts";

// The only Prisma user for alert rules and alerts.

export interface StoredAlert extends AlertInstance {
  id: string;
  version: number;
}

const ALERT_FIELDS = {
  id: true,
  version: true,
  ruleId: true,
  cityId: true,
  openKey: true,
  state: true,
  severity: true,
  value: true,
  pendingSince: true,
  firedAt: true,
  lastBreachAt: true,
  resolvedAt: true,
  acknowledgedAt: true,
  acknowledgedById: true,
  silencedUntil: true,
  silencedById: true,
  lastEvaluatedAt: true,
} as const;

/** Exactly the AlertRuleRow columns: the rule schema is strict and refuses any other key. */
export const RULE_ROW_FIELDS = {
  id: true,
  name: true,
  cityId: true,
  metric: true,
  kind: true,
  operator: true,
  threshold: true,
  recoveryThreshold: true,
  comparisonWindow: true,
  noDataMinutes: true,
  forSeconds: true,
  keepFiringForSeconds: true,
  severity: true,
  enabled: true,
  responsePlanId: true,
  opensTicket: true,
  opensRiskCase: true,
} as const;

/** Enabled rules that apply to any of these cities (or, without cities, all enabled rules). A row that no longer
 * passes the schema (edited by hand) is skipped and logged rather than stopping every other rule. */
export async function enabledRules(db: Queryable, cityIds?: readonly string[]): Promise<AlertRule[]> {
  const rows = await db.alertRule.findMany({
    where: {
      enabled: true,
      ...(cityIds ? { OR: [{ cityId: null }, { cityId: { in: [...cityIds] } }] } : {}),
    },
    select: RULE_ROW_FIELDS,
    orderBy: { id: "asc" },
  });
  const rules: AlertRule[] = [];
  for (const row of rows) {
    const parsed = ruleFromRow(row);
    if (parsed.success) rules.push(parsed.data);
    else logger.warn({ ruleId: row.id, issues: parsed.error.issues }, "skipped an invalid alert rule");
  }
  return rules;
}

export async function openAlerts(db: Queryable, cityIds: readonly string[]): Promise<StoredAlert[]> {
  return db.alert.findMany({
    where: { cityId: { in: [...cityIds] }, openKey: { not: null } },
    select: ALERT_FIELDS,
  });
}

/** Conditional on the version read: false when someone else changed the alert since. */
export async function updateAlert(tx: Tx, previous: StoredAlert, next: AlertInstance): Promise<boolean> {
  const { count } = await tx.alert.updateMany({
    where: { id: previous.id, version: previous.version },
    data: { ...next, version: previous.version + 1 },
  });
  return count === 1;
}

export async function deleteAlert(tx: Tx, previous: StoredAlert): Promise<boolean> {
  const { count } = await tx.alert.deleteMany({ where: { id: previous.id, version: previous.version } });
  return count === 1;
}

export interface AlertWithContext {
  alert: StoredAlert;
  rule: { id: string; name: string; metric: Metric; responsePlanId: string | null };
  city: { id: string; code: string; name: string; nameJa: string; timezone: string };
}

export async function findAlertWithContext(db: Queryable, id: string): Promise<AlertWithContext | null> {
  const row = await db.alert.findUnique({
    where: { id },
    select: {
      ...ALERT_FIELDS,
      rule: { select: { id: true, name: true, metric: true, responsePlanId: true } },
      city: { select: { id: true, code: true, name: true, nameJa: true, timezone: true } },
    },
  });
  if (!row) return null;
  const { rule, city, ...alert } = row;
  return { alert, rule, city };
}
