import type { InputJsonObject } from "../../db/json.ts";
import type { Queryable, Tx } from "../../db/transaction.ts";
import type { InstanceRun } from "../runtime-types.ts";
import type { WorkflowTemplate } from "../template.ts";
import type { StoredEventQuery } from "./bound-events.ts";

// What bindings read and write beyond the engine's own repository: the auto-start ledger, a triggered instance
// (started by the system: no initiator), the open instances of a bound object, row locks for system decisions,
// instances whose clocks run (held conditions, timers), and a bound object's earlier events.

const OPEN = ["pending", "in_progress"] as const;

export async function findTriggerStart(
  db: Queryable,
  key: { trigger: string; templateKey: string; subjectType: string; subjectId: string },
): Promise<string | null> {
  const row = await db.workflowTriggerStart.findUnique({
    where: { trigger_templateKey_subjectType_subjectId: key },
    select: { instanceId: true },
  });
  return row?.instanceId ?? null;
}

/** A concurrent start of the same key fails on the unique key; the transaction's retry then finds this row. */
export async function insertTriggerStart(
  tx: Tx,
  row: {
    trigger: string;
    templateKey: string;
    subjectType: string;
    subjectId: string;
    instanceId: string;
    eventId: string;
  },
): Promise<void> {
  await tx.workflowTriggerStart.create({ data: row });
}

/** The response plan (template key) an alert rule names, if any. */
export async function responsePlanKeyOfRule(db: Queryable, ruleId: string): Promise<string | null> {
  const rule = await db.alertRule.findUnique({
    where: { id: ruleId },
    select: { responsePlan: { select: { key: true } } },
  });
  return rule?.responsePlan?.key ?? null;
}

/** An instance the system starts: no initiator; its step rows in the engine's shape (instance-repository.ts). */
export async function insertTriggeredInstance(
  tx: Tx,
  instance: {
    templateId: string;
    versionId: string;
    definition: WorkflowTemplate;
    boundType: string;
    boundId: string;
    run: InstanceRun;
    startedAt: Date;
  },
): Promise<{ id: string; stepIds: Map<string, string> }> {
  const { run, definition } = instance;
  const created = await tx.workflowInstance.create({
    data: {
      templateId: instance.templateId,
      versionId: instance.versionId,
      subjectType: instance.boundType,
      subjectId: instance.boundId,
      state: run.state,
      startedById: null,
      startedAt: instance.startedAt,
      round: run.round,
      context: run.context as InputJsonObject,
      steps: {
        create: run.steps.map((step) => ({
          round: run.round,
          position: step.position,
          key: step.key,
          kind: step.kind,
          state: step.state,
          title: definition.steps.find((s) => s.key === step.key)?.title ?? step.key,
          ownerIds: step.ownerIds,
          delegateIds: [],
          candidateRoles: step.candidateRoles,
          detail: {
            groups: step.groups,
            delegations: [],
            approvals: [],
            checked: [],
            heldSince: step.heldSince,
          } as unknown as InputJsonObject,
          activatedAt: step.activatedAt ? new Date(step.activatedAt) : null,
          dueAt: step.dueAt ? new Date(step.dueAt) : null,
        })),
      },
    },
    select: { id: true, steps: { select: { id: true, key: true } } },
  });
  return { id: created.id, stepIds: new Map(created.steps.map((s) => [s.key, s.id])) };
}

export async function templateIdOf(db: Queryable, templateKey: string): Promise<string | null> {
  const row = await db.workflowTemplate.findUnique({ where: { key: templateKey }, select: { id: true } });
  return row?.id ?? null;
}

/** Open instances bound to an object, oldest first. */
export async function openInstancesBoundTo(
  db: Queryable,
  boundType: string,
  boundId: string,
): Promise<string[]> {
  const rows = await db.workflowInstance.findMany({
    where: { subjectType: boundType, subjectId: boundId, state: { in: [...OPEN] } },
    select: { id: true },
    orderBy: { startedAt: "asc" },
  });
  return rows.map((row) => row.id);
}

/** Which of these objects (`type:id`) have an open instance bound to them: a statement per object type. */
export async function objectsWithOpenInstances(
  db: Queryable,
  objects: readonly { type: string; id: string }[],
): Promise<Set<string>> {
  const idsByType = new Map<string, string[]>();
  for (const { type, id } of objects) {
    const ids = idsByType.get(type);
    if (ids) ids.push(id);
    else idsByType.set(type, [id]);
  }
  const bound = new Set<string>();
  for (const [subjectType, ids] of idsByType) {
    const rows = await db.workflowInstance.findMany({
      where: { subjectType, subjectId: { in: ids }, state: { in: [...OPEN] } },
      select: { subjectId: true },
    });
    for (const row of rows) bound.add(`${subjectType}:${row.subjectId}`);
  }
  return bound;
}

/** Open alert-bound instances started for a rule in a city (a new alert of the rule resets their recovery hold). */
export async function openAlertInstancesOfRule(
  db: Queryable,
  ruleId: string,
  cityId: string,
): Promise<string[]> {
  const rows = await db.workflowInstance.findMany({
    where: {
      subjectType: "alert",
      state: { in: [...OPEN] },
      AND: [
        { context: { path: ["ruleId"], equals: ruleId } },
        { context: { path: ["cityId"], equals: cityId } },
      ],
    },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/**
 * The open engine instance of a template whose context has these values (the situation a relapse belongs to),
 * with what its events name: pinned version, bound object, state and round.
 */
export async function openInstanceOfSituation(
  db: Queryable,
  templateKey: string,
  situation: Readonly<Record<string, string | number | boolean>>,
): Promise<{
  id: string;
  round: number;
  state: (typeof OPEN)[number];
  versionNumber: number;
  boundType: string;
  boundId: string;
} | null> {
  const row = await db.workflowInstance.findFirst({
    where: {
      template: { key: templateKey },
      state: { in: [...OPEN] },
      versionId: { not: null },
      AND: Object.entries(situation).map(([field, value]) => ({ context: { path: [field], equals: value } })),
    },
    orderBy: { startedAt: "asc" },
    select: {
      id: true,
      round: true,
      state: true,
      subjectType: true,
      subjectId: true,
      version: { select: { number: true } },
    },
  });
  if (!row?.version) return null;
  return {
    id: row.id,
    round: row.round,
    state: row.state as (typeof OPEN)[number],
    versionNumber: row.version.number,
    boundType: row.subjectType,
    boundId: row.subjectId,
  };
}

/** Holds the instance row for this transaction, so a system decision never loses to a concurrent one. */
export async function lockInstance(tx: Tx, id: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "WorkflowInstance" WHERE id = ${id}::uuid FOR UPDATE`;
}

/** Open instances with a clock running: a held condition, or a timer that has run out. */
export async function instancesWithRunningClocks(db: Queryable, now: Date, limit: number): Promise<string[]> {
  const rows = await db.workflowStep.findMany({
    where: {
      OR: [{ state: "holding" }, { state: "active", kind: "timer", dueAt: { lte: now } }],
      instance: { state: { in: [...OPEN] } },
    },
    select: { instanceId: true },
    distinct: ["instanceId"],
    take: limit,
  });
  return rows.map((row) => row.instanceId);
}

/**
 * The latest event since an instant that satisfies any of these queries (a wait step's condition and the event
 * that resets it): what a newly active wait step missed, and whether it still holds.
 */
export async function latestMatchingEvent(
  db: Queryable,
  queries: readonly StoredEventQuery[],
  since: Date,
): Promise<{ type: string; aggregateId: string; payload: Record<string, unknown> } | null> {
  if (queries.length === 0) return null;
  const row = await db.domainEvent.findFirst({
    where: {
      occurredAt: { gte: since },
      OR: queries.map((q) => ({
        type: q.type,
        aggregateType: q.aggregateType,
        ...(q.aggregateId !== null ? { aggregateId: q.aggregateId } : {}),
        AND: Object.entries(q.payload).map(([field, value]) => ({
          payload: { path: [field], equals: value },
        })),
      })),
    },
    orderBy: { seq: "desc" },
    select: { type: true, aggregateId: true, payload: true },
  });
  return row ? { ...row, payload: row.payload as Record<string, unknown> } : null;
}

export async function instanceStartedAt(db: Queryable, id: string): Promise<Date | null> {
  const row = await db.workflowInstance.findUnique({ where: { id }, select: { startedAt: true } });
  return row?.startedAt ?? null;
}
