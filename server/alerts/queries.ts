import type { Queryable } from "../db/transaction.ts";
import type { Metric } from "../indicators/metrics.ts";
import type { AlertState } from "./evaluator.ts";
import { planRunsOf, type PlanRun } from "./plan-repository.ts";
import type { Severity } from "./rules.ts";

// Read models of alerts for screens and the REST contract (plain objects, no Prisma types): what the city board
// reads of the alerts domain.

export interface AlertSummary {
  id: string;
  cityId: string;
  ruleId: string;
  ruleName: string;
  /** How to read `value`: the metric's value (threshold), a percent change (change), minutes of silence (no_data). */
  kind: "threshold" | "change" | "no_data";
  metric: Metric;
  state: AlertState;
  severity: Severity;
  value: number | null;
  pendingSince: Date;
  firedAt: Date | null;
  resolvedAt: Date | null;
  acknowledgedAt: Date | null;
  silencedUntil: Date | null;
  hasResponsePlan: boolean;
  version: number;
}

const SUMMARY_SELECT = {
  id: true,
  cityId: true,
  ruleId: true,
  state: true,
  severity: true,
  value: true,
  pendingSince: true,
  firedAt: true,
  resolvedAt: true,
  acknowledgedAt: true,
  silencedUntil: true,
  version: true,
  rule: { select: { name: true, kind: true, metric: true, responsePlanId: true } },
} as const;

/** A row as SUMMARY_SELECT reads it. */
type SummaryRow = Omit<AlertSummary, "ruleName" | "kind" | "metric" | "hasResponsePlan"> & {
  rule: { name: string; kind: AlertSummary["kind"]; metric: Metric; responsePlanId: string | null };
};

function toSummary({ rule, ...alert }: SummaryRow): AlertSummary {
  return {
    ...alert,
    ruleName: rule.name,
    kind: rule.kind,
    metric: rule.metric,
    hasResponsePlan: rule.responsePlanId !== null,
  };
}

export async function openAlertSummaries(db: Queryable, cityIds: readonly string[]): Promise<AlertSummary[]> {
  const rows = await db.alert.findMany({
    where: { cityId: { in: [...cityIds] }, openKey: { not: null } },
    select: SUMMARY_SELECT,
    orderBy: { pendingSince: "desc" },
  });
  return rows.map(toSummary);
}

/** A city's open alerts and those that resolved after `since` (newest first), for the list and chart shading. */
async function cityAlertHistory(
  db: Queryable,
  cityId: string,
  since: Date,
  limit = 200,
): Promise<AlertSummary[]> {
  const rows = await db.alert.findMany({
    where: { cityId, OR: [{ openKey: { not: null } }, { resolvedAt: { gte: since } }] },
    select: SUMMARY_SELECT,
    orderBy: { pendingSince: "desc" },
    take: limit,
  });
  return rows.map(toSummary);
}

/** A city's alerts since `since` (as cityAlertHistory) and the latest response plan run of each. */
export async function cityAlertPanel(
  db: Queryable,
  cityId: string,
  since: Date,
): Promise<{ alerts: AlertSummary[]; plans: PlanRun[] }> {
  const alerts = await cityAlertHistory(db, cityId, since);
  const plans = await planRunsOf(
    db,
    alerts.map((alert) => alert.id),
  );
  return { alerts, plans };
}
