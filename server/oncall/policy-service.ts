import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import { actingUser, requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { policyLevel, type PolicyInput } from "./contract.ts";
import { DEFAULT_POLICIES } from "./default-policies.ts";
import {
  createPolicyRow,
  deletePolicyRow,
  findPolicy,
  listPolicies,
  listRoutes,
  setRoute,
  updatePolicyRow,
  type PolicyRow,
} from "./policy-repository.ts";

// Escalation policies and their routing from triggers. Editing a policy never changes a running escalation:
// each escalation keeps the snapshot taken when it started.

const AGGREGATE = "escalation_policy";

const toView = (row: PolicyRow) => ({ ...row, levels: policyLevel.array().parse(row.levels) });

function event(context: ServiceContext, id: string, change: string, details: object) {
  return {
    type: "EscalationPolicyChanged" as const,
    aggregateType: AGGREGATE,
    aggregateId: id,
    payload: { change, ...details, by: actingUser(context)?.id ?? null },
  };
}

function uniqueName(error: unknown): never {
  if (error instanceof Error && /Unique constraint|P2002/.test(error.message)) {
    throw new AppError("CONFLICT", "name: a policy with this name exists.");
  }
  throw error;
}

export async function policyList(db: Db, context: ServiceContext) {
  requirePermission(context, "oncall:read");
  const [policies, routes] = await Promise.all([listPolicies(db), listRoutes(db)]);
  return {
    policies: policies.map(toView),
    routes,
    builtIn: Object.entries(DEFAULT_POLICIES).map(([trigger, policy]) => ({ trigger, ...policy })),
  };
}

export async function createPolicy(db: Db, context: ServiceContext, input: PolicyInput) {
  requirePermission(context, "oncall:manage");
  return withTransaction(
    db,
    async (tx) => {
      const row = await createPolicyRow(tx, input).catch(uniqueName);
      await recordEvents(tx, context, [
        event(context, row.id, "created", { name: row.name, levels: input.levels }),
      ]);
      return toView(row);
    },
    { attempts: 1 },
  );
}

export async function updatePolicy(
  db: Db,
  context: ServiceContext,
  input: PolicyInput & { policyId: string; version: number },
) {
  requirePermission(context, "oncall:manage");
  const { policyId, version, ...fields } = input;
  return withTransaction(
    db,
    async (tx) => {
      const before = await findPolicy(tx, policyId);
      if (!before) throw new AppError("NOT_FOUND", "policyId: no such policy.");
      if (!(await updatePolicyRow(tx, policyId, version, fields).catch(uniqueName))) {
        throw new AppError("CONFLICT", "version: the policy changed meanwhile; reload and try again.");
      }
      await recordEvents(tx, context, [
        {
          ...event(context, policyId, "updated", { name: fields.name }),
          auditDetails: {
            before: { levels: before.levels as object[], repeat: before.repeat },
            after: fields,
          },
        },
      ]);
      return toView((await findPolicy(tx, policyId))!);
    },
    { attempts: 1 },
  );
}

export async function deletePolicy(db: Db, context: ServiceContext, { policyId }: { policyId: string }) {
  requirePermission(context, "oncall:manage");
  return withTransaction(db, async (tx) => {
    if (!(await deletePolicyRow(tx, policyId))) throw new AppError("NOT_FOUND", "policyId: no such policy.");
    await recordEvents(tx, context, [event(context, policyId, "deleted", {})]);
    return { id: policyId };
  });
}

/** Routes a trigger to a policy (null: back to the built-in behaviour). */
export async function routeTrigger(
  db: Db,
  context: ServiceContext,
  input: { trigger: string; policyId: string | null },
) {
  requirePermission(context, "oncall:manage");
  return withTransaction(db, async (tx) => {
    if (input.policyId !== null && !(await findPolicy(tx, input.policyId))) {
      throw new AppError("NOT_FOUND", "policyId: no such policy.");
    }
    await setRoute(tx, input.trigger, input.policyId);
    await recordEvents(tx, context, [
      event(context, input.policyId ?? "00000000-0000-0000-0000-000000000000", "routed", input),
    ]);
    return input;
  });
}
