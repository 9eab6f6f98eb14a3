import type { JsonValue } from "../db/json.ts";
import type { Queryable, Tx } from "../db/transaction.ts";

// Escalation policies and which policy each trigger uses.

export interface PolicyRow {
  id: string;
  name: string;
  description: string;
  levels: JsonValue;
  repeat: number;
  version: number;
  updatedAt: Date;
}

const policySelect = {
  id: true,
  name: true,
  description: true,
  levels: true,
  repeat: true,
  version: true,
  updatedAt: true,
} as const;

export function listPolicies(db: Queryable): Promise<PolicyRow[]> {
  return db.escalationPolicy.findMany({ orderBy: { name: "asc" }, select: policySelect });
}

export function findPolicy(db: Queryable, id: string): Promise<PolicyRow | null> {
  return db.escalationPolicy.findUnique({ where: { id }, select: policySelect });
}

export interface PolicyFields {
  name: string;
  description: string;
  levels: object[];
  repeat: number;
}

export function createPolicyRow(tx: Tx, fields: PolicyFields) {
  return tx.escalationPolicy.create({ data: fields, select: policySelect });
}

export async function updatePolicyRow(tx: Tx, id: string, version: number, fields: PolicyFields) {
  const { count } = await tx.escalationPolicy.updateMany({
    where: { id, version },
    data: { ...fields, version: { increment: 1 } },
  });
  return count === 1;
}

export async function deletePolicyRow(tx: Tx, id: string): Promise<boolean> {
  await tx.escalationRoute.deleteMany({ where: { policyId: id } });
  const { count } = await tx.escalationPolicy.deleteMany({ where: { id } });
  return count === 1;
}

/** The policy of the first trigger in `triggers` that has one (most specific first). */
export async function routedPolicy(db: Queryable, triggers: readonly string[]): Promise<PolicyRow | null> {
  const routes = await db.escalationRoute.findMany({ where: { trigger: { in: [...triggers] } } });
  for (const trigger of triggers) {
    const route = routes.find((r) => r.trigger === trigger);
    if (route) return findPolicy(db, route.policyId);
  }
  return null;
}

export function listRoutes(db: Queryable) {
  return db.escalationRoute.findMany({
    orderBy: { trigger: "asc" },
    select: { trigger: true, policyId: true },
  });
}

export async function setRoute(tx: Tx, trigger: string, policyId: string | null): Promise<void> {
  if (policyId === null) {
    await tx.escalationRoute.deleteMany({ where: { trigger } });
    return;
  }
  await tx.escalationRoute.upsert({
    where: { trigger },
    create: { trigger, policyId },
    update: { policyId },
  });
}
