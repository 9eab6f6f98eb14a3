import { Prisma } from "../db/generated/client.ts";
import type { Metric } from "../cities/metrics.ts";
import { logger } from "../lib/logger.ts";
import type { AlertInstance } from "./evaluator.ts";
import { ruleFromRow, type AlertRule } from "./rules.ts";

// The only Prisma user for alert rules and alerts.

type Queryable = Prisma.TransactionClient;

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
export async function updateAlert(
  tx: Queryable,
  previous: StoredAlert,
  next: AlertInstance,
): Promise<boolean> {
  const { count } = await tx.alert.updateMany({
    where: { id: previous.id, version: previous.version },
    data: { ...next, version: previous.version + 1 },
  });
  return count === 1;
}

export async function deleteAlert(tx: Queryable, previous: StoredAlert): Promise<boolean> {
  const { count } = await tx.alert.deleteMany({ where: { id: previous.id, version: previous.version } });
  return count === 1;
}

export interface SeriesKey {
  cityId: string;
  metric: Metric;
}

export interface SeriesWindows {
  /** Points with bucketStart in [recentFrom, now]. */
  recentFrom: Date;
  /** Also the week-ago hour, for metrics with a same_hour_last_week rule. */
  weekly: { metrics: readonly Metric[]; from: Date; to: Date } | null;
  now: Date;
}

export interface StoredPoint {
  cityId: string;
  metric: Metric;
  bucketStart: Date;
  value: number;
}

export function seriesPoints(
  db: Queryable,
  cityIds: readonly string[],
  metrics: readonly Metric[],
  windows: SeriesWindows,
): Promise<StoredPoint[]> {
  const weeklyMetrics = windows.weekly?.metrics ?? [];
  const weekFrom = windows.weekly?.from ?? windows.now;
  const weekTo = windows.weekly?.to ?? windows.now;
  return db.$queryRaw<StoredPoint[]>`
    SELECT "cityId", metric::text AS metric, "bucketStart", value FROM "CityIndicator"
     WHERE "cityId" = ANY(${[...cityIds]}::uuid[]) AND metric = ANY(${[...metrics]}::"Metric"[])
       AND "bucketStart" <= ${windows.now}::timestamp
       AND ("bucketStart" >= ${windows.recentFrom}::timestamp
            OR (metric = ANY(${[...weeklyMetrics]}::"Metric"[])
                AND "bucketStart" >= ${weekFrom}::timestamp AND "bucketStart" < ${weekTo}::timestamp))`;
}

export interface LastUpdate extends SeriesKey {
  lastUpdatedAt: Date | null;
}

/**
 * When each (city, metric) was last written: the latest write among its newest 12 buckets (an hour of data),
 * found through the primary key. A late re-send of a recent bucket counts; a backfill of old history does not
 * keep a silent feed from alerting.
 */
export function lastUpdates(db: Queryable, keys: readonly SeriesKey[]): Promise<LastUpdate[]> {
  return db.$queryRaw<LastUpdate[]>`
    SELECT k.c::text AS "cityId", k.m AS metric,
           (SELECT max(recent."updatedAt") FROM (
              SELECT i."updatedAt" FROM "CityIndicator" i
               WHERE i."cityId" = k.c AND i.metric = k.m::"Metric"
               ORDER BY i."bucketStart" DESC LIMIT 12) AS recent) AS "lastUpdatedAt"
      FROM unnest(${keys.map((k) => k.cityId)}::uuid[], ${keys.map((k) => k.metric)}::text[]) AS k(c, m)`;
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

export interface AlertNeedingFollowUp {
  id: string;
  ruleId: string;
  ruleName: string;
  kind: "threshold" | "change" | "no_data";
  metric: Metric;
  severity: "info" | "warning" | "critical";
  value: number | null;
  firedAt: Date;
  cityId: string;
  cityCode: string;
  cityName: string;
  cityNameJa: string;
  triggeredEventId: string | null;
}

// Both follow-ups are keyed by "alert:<alert id>": Ticket.externalId and RiskSignal.sourceEventId are unique.
const MISSING = {
  ticket: Prisma.sql`r."opensTicket" AND NOT EXISTS (
    SELECT 1 FROM "Ticket" t WHERE t."externalId" = 'alert:' || a.id::text)`,
  riskSignal: Prisma.sql`r."opensRiskCase" AND NOT EXISTS (
    SELECT 1 FROM "RiskSignal" s WHERE s."sourceEventId" = 'alert:' || a.id::text)`,
};

/** Firing alerts in these cities whose rule asks for a follow-up (a ticket, a risk signal) not yet made. */
export function alertsNeedingFollowUp(
  db: Queryable,
  cityIds: readonly string[],
  followUp: keyof typeof MISSING,
): Promise<AlertNeedingFollowUp[]> {
  return db.$queryRaw<AlertNeedingFollowUp[]>`
    SELECT a.id::text, a."ruleId"::text, r.name AS "ruleName", r.kind::text, r.metric::text, a.severity::text,
           a.value, a."firedAt", a."cityId"::text, c.code AS "cityCode", c.name AS "cityName", c."nameJa" AS "cityNameJa",
           (SELECT e.id::text FROM "DomainEvent" e
             WHERE e."aggregateType" = 'alert' AND e."aggregateId" = a.id::text AND e.type = 'AlertTriggered'
             ORDER BY e.seq DESC LIMIT 1) AS "triggeredEventId"
      FROM "Alert" a
      JOIN "AlertRule" r ON r.id = a."ruleId"
      JOIN "City" c ON c.id = a."cityId"
     WHERE a."cityId" = ANY(${[...cityIds]}::uuid[]) AND a.state = 'firing' AND a."firedAt" IS NOT NULL
       AND ${MISSING[followUp]}`;
}
