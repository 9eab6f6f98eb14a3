import type { InputJsonObject } from "../db/json.ts";
import type { Queryable, Tx } from "../db/transaction.ts";
import type { RuleView } from "./contract.ts";
import {
  ruleDefinitionSchema,
  type CorrelationRuleVersion,
  type RuleDefinition,
} from "./correlation-rule.ts";

// Correlation rules (versioned definitions): the only Prisma user for them.

export async function enabledRules(q: Queryable): Promise<CorrelationRuleVersion[]> {
  const rules = await q.correlationRule.findMany({
    where: { enabled: true },
    orderBy: { id: "asc" },
    include: { versions: true },
  });
  return rules.flatMap((rule) => {
    const current = rule.versions.find((v) => v.version === rule.currentVersion);
    if (!current) return [];
    return [
      {
        ruleId: rule.id,
        version: rule.currentVersion,
        name: rule.name,
        definition: parse(current.definition),
      },
    ];
  });
}

export async function listRules(q: Queryable): Promise<RuleView[]> {
  const rules = await q.correlationRule.findMany({ orderBy: { name: "asc" }, include: { versions: true } });
  return rules.flatMap((rule) => {
    const current = rule.versions.find((v) => v.version === rule.currentVersion);
    if (!current) return [];
    return [
      {
        id: rule.id,
        name: rule.name,
        enabled: rule.enabled,
        version: rule.currentVersion,
        definition: parse(current.definition),
        updatedAt: rule.updatedAt,
      },
    ];
  });
}

const parse = (json: unknown): RuleDefinition => ruleDefinitionSchema.parse(json);

/** Saves a rule by name: a new rule at version 1, or the next version of an existing one. */
export async function saveRuleVersion(
  tx: Tx,
  input: { name: string; enabled: boolean; definition: RuleDefinition; createdById: string | null; at: Date },
): Promise<{ id: string; version: number }> {
  const existing = await tx.correlationRule.findUnique({ where: { name: input.name } });
  const version = existing ? existing.currentVersion + 1 : 1;
  const rule = existing
    ? await tx.correlationRule.update({
        where: { id: existing.id },
        data: { currentVersion: version, enabled: input.enabled, updatedAt: input.at },
      })
    : await tx.correlationRule.create({
        data: {
          name: input.name,
          enabled: input.enabled,
          currentVersion: 1,
          createdAt: input.at,
          updatedAt: input.at,
        },
      });
  await tx.correlationRuleVersion.create({
    data: {
      ruleId: rule.id,
      version,
      definition: input.definition as unknown as InputJsonObject,
      createdById: input.createdById,
      createdAt: input.at,
    },
  });
  return { id: rule.id, version };
}

/** Member events of the last days from the event log, oldest first, for a rule's preview. */
export async function memberEventsSince(q: Queryable, since: Date, limit: number) {
  return q.domainEvent.findMany({
    where: { type: { in: ["TicketCreated", "RiskDetected", "AlertTriggered"] }, occurredAt: { gte: since } },
    orderBy: { seq: "asc" },
    take: limit,
    select: {
      id: true,
      seq: true,
      type: true,
      aggregateType: true,
      aggregateId: true,
      payload: true,
      occurredAt: true,
      correlationId: true,
    },
  });
}
