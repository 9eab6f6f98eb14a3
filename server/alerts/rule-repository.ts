import type { Prisma } from "../db/generated/client.ts";
import type { Queryable, Tx } from "../db/transaction.ts";
import type { AlertRuleKind, AlertSeverity } from "../db/generated/enums.ts";
import type { Metric } from "../indicators/metrics.ts";
import { RULE_ROW_FIELDS } from "./repository.ts";
import type { AlertRuleRow } from "./rules.ts";

// The only Prisma user for editing alert rules.

const ROW_SELECT = {
  ...RULE_ROW_FIELDS,
  version: true,
  updatedAt: true,
  city: { select: { code: true } },
  responsePlan: { select: { name: true, nameJa: true } },
  _count: { select: { alerts: { where: { openKey: { not: null } } } } },
} as const;

export interface RuleRecord {
  row: AlertRuleRow;
  version: number;
  updatedAt: Date;
  cityCode: string | null;
  plan: { name: string; nameJa: string } | null;
  openAlerts: number;
}

function toRecord(found: Prisma.AlertRuleGetPayload<{ select: typeof ROW_SELECT }>): RuleRecord {
  const { version, updatedAt, city, responsePlan, _count, ...row } = found;
  return {
    row,
    version,
    updatedAt,
    cityCode: city?.code ?? null,
    plan: responsePlan,
    openAlerts: _count.alerts,
  };
}

export async function listRuleRecords(db: Queryable): Promise<RuleRecord[]> {
  const rows = await db.alertRule.findMany({
    select: ROW_SELECT,
    orderBy: [{ enabled: "desc" }, { name: "asc" }],
  });
  return rows.map(toRecord);
}

export async function findRuleRecord(db: Queryable, id: string): Promise<RuleRecord | null> {
  const row = await db.alertRule.findUnique({ where: { id }, select: ROW_SELECT });
  return row ? toRecord(row) : null;
}

// ruleToRow writes these from a validated rule, so the strings are the enums' values.
function columns(row: AlertRuleRow) {
  return {
    ...row,
    metric: row.metric as Metric,
    kind: row.kind as AlertRuleKind,
    severity: row.severity as AlertSeverity,
  };
}

export async function insertRule(tx: Tx, row: AlertRuleRow): Promise<void> {
  await tx.alertRule.create({ data: columns(row) });
}

/** Conditional on the version the editor loaded: false when someone saved the rule since. */
export async function updateRule(tx: Tx, row: AlertRuleRow, version: number): Promise<boolean> {
  const { count } = await tx.alertRule.updateMany({
    where: { id: row.id, version },
    data: { ...columns(row), version: version + 1 },
  });
  return count === 1;
}

export function openAlertsOfRule(tx: Tx, ruleId: string) {
  return tx.alert.findMany({ where: { ruleId, openKey: { not: null } }, select: { id: true, cityId: true } });
}
