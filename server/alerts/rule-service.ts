import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvent, type DomainEventInput } from "../events/record.ts";
import { lockCities } from "../indicators/cities.ts";
import { AppError } from "../lib/errors.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import type { CreateRuleInput, EditRuleInput, RuleIdInput, RuleView } from "./contract.ts";
import { endAlert } from "./orphans.ts";
import {
  findRuleRecord,
  insertRule,
  listRuleRecords,
  openAlertsOfRule,
  updateRule,
  type RuleRecord,
} from "./rule-repository.ts";
import {
  alertRuleInputSchema,
  ruleFromRow,
  ruleToRow,
  type AlertRule,
  type AlertRuleInput,
} from "./rules.ts";

// Creating and editing alert rules. Input is validated with the rule schema; its issues come back per field.

function toView(record: RuleRecord): RuleView {
  const parsed = ruleFromRow(record.row);
  return {
    id: record.row.id,
    name: record.row.name,
    rule: parsed.success ? parsed.data : null,
    issues: parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
    version: record.version,
    updatedAt: record.updatedAt,
    cityCode: record.cityCode,
    plan: record.plan,
    openAlerts: record.openAlerts,
  };
}

export async function listRules(db: Db, context: ServiceContext): Promise<RuleView[]> {
  requirePermission(context, "cities:read");
  return (await listRuleRecords(db)).map(toView);
}

export async function getRule(db: Db, context: ServiceContext, { id }: RuleIdInput): Promise<RuleView> {
  requirePermission(context, "cities:read");
  const record = await findRuleRecord(db, id);
  if (!record) throw new AppError("NOT_FOUND", "No such alert rule.");
  return toView(record);
}

/** Field → messages, as the form shows them beside each field. */
function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : "rule";
    (result[field] ??= []).push(issue.message);
  }
  return result;
}

export function parseRuleInput(input: unknown): AlertRuleInput {
  const parsed = alertRuleInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error);
  const summary = Object.entries(errors)
    .map(([field, messages]) => `${field}: ${messages.join("; ")}`)
    .join(" · ");
  throw new AppError("BAD_REQUEST", summary, { details: { fieldErrors: errors } });
}

const snapshot = (rule: AlertRule): DomainEventInput["payload"] => ({ ...ruleToRow(rule) });

export async function createRule(db: Db, context: ServiceContext, input: CreateRuleInput): Promise<RuleView> {
  requirePermission(context, "alerts:manage");
  const rule: AlertRule = { ...parseRuleInput(input.rule), id: randomUUID() };
  await withTransaction(db, async (tx) => {
    await insertRule(tx, ruleToRow(rule));
    await recordEvent(tx, context, {
      type: "AlertRuleCreated",
      aggregateType: "alert_rule",
      aggregateId: rule.id,
      payload: snapshot(rule),
    });
  });
  return getRule(db, context, { id: rule.id });
}

/**
 * Saves a new version of the rule if nobody saved it since `version`. Open alerts the rule no longer covers
 * (it was disabled, or narrowed to another city) are resolved in the same transaction.
 */
export async function editRule(
  db: Db,
  context: ServiceContext,
  { id, version, rule: input }: EditRuleInput,
): Promise<RuleView> {
  requirePermission(context, "alerts:manage");
  const rule: AlertRule = { ...parseRuleInput(input), id };
  await withTransaction(db, async (tx) => {
    const before = await findRuleRecord(tx, id);
    if (!before) throw new AppError("NOT_FOUND", "No such alert rule.");
    const stranded = (await openAlertsOfRule(tx, id)).filter(
      (alert) => !rule.enabled || (rule.cityId !== null && alert.cityId !== rule.cityId),
    );
    await lockCities(
      tx,
      stranded.map((alert) => alert.cityId),
    );
    if (!(await updateRule(tx, ruleToRow(rule), version))) {
      throw new AppError(
        "CONFLICT",
        "Someone saved this rule meanwhile; reload it and apply your change again.",
      );
    }
    await recordEvent(tx, context, {
      type: "AlertRuleUpdated",
      aggregateType: "alert_rule",
      aggregateId: id,
      payload: snapshot(rule),
      auditDetails: { before: { ...before.row }, after: snapshot(rule) },
    });
    const reason = rule.enabled ? "rule_moved_to_another_city" : "rule_disabled";
    for (const alert of stranded) await endAlert(tx, context, alert.id, reason);
  });
  return getRule(db, context, { id });
}
