import type { Role } from "../auth/permissions.ts";
import type { InputJsonObject } from "../db/json.ts";
import type { Queryable, Tx } from "../db/transaction.ts";
import {
  ACTING_DECISIONS,
  type DecisionType,
  type InstanceRun,
  type InstanceState,
  type StepRun,
} from "./runtime-types.ts";
import { parseTemplate, type WorkflowTemplate } from "./template.ts";

// Workflow instances, their steps (one set per round) and their decisions: the only Prisma user for them.
// A step row keeps its runtime detail (approvals, delegations, groups, ticks, a held condition) as JSON; owners
// and delegates are arrays with GIN indexes, so "my tasks" is an index lookup.

export interface StoredInstance {
  id: string;
  templateKey: string;
  templateName: string;
  templateNameJa: string;
  versionId: string;
  versionNumber: number;
  definition: WorkflowTemplate;
  boundType: string;
  boundId: string;
  lockVersion: number;
  endedReason: string | null;
  run: InstanceRun;
  /** Step row ids of the current round, by step key. */
  stepIds: Map<string, string>;
}

interface StepDetail {
  groups: StepRun["groups"];
  delegations: StepRun["delegations"];
  approvals: StepRun["approvals"];
  checked: string[];
  heldSince: string | null;
}

const toIso = (at: Date | null) => (at ? at.toISOString() : null);
const toDate = (at: string | null) => (at ? new Date(at) : null);

function stepRowData(step: StepRun) {
  const detail: StepDetail = {
    groups: step.groups,
    delegations: step.delegations,
    approvals: step.approvals,
    checked: step.checked,
    heldSince: step.heldSince,
  };
  return {
    position: step.position,
    key: step.key,
    kind: step.kind,
    state: step.state,
    ownerIds: step.ownerIds,
    delegateIds: [...new Set(step.delegations.map((d) => d.to))],
    candidateRoles: step.candidateRoles,
    detail: detail as unknown as InputJsonObject,
    activatedAt: toDate(step.activatedAt),
    dueAt: toDate(step.dueAt),
    doneAt: toDate(step.doneAt),
    doneById: step.doneById,
  };
}

const titleOf = (definition: WorkflowTemplate, key: string) =>
  definition.steps.find((s) => s.key === key)?.title ?? key;

export async function createInstance(
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
): Promise<string> {
  const { run } = instance;
  const created = await tx.workflowInstance.create({
    data: {
      templateId: instance.templateId,
      versionId: instance.versionId,
      subjectType: instance.boundType,
      subjectId: instance.boundId,
      state: run.state,
      startedById: run.initiatorId,
      startedAt: instance.startedAt,
      round: run.round,
      amount: run.amount,
      context: run.context as InputJsonObject,
      steps: {
        create: run.steps.map((step) => ({
          ...stepRowData(step),
          round: run.round,
          title: titleOf(instance.definition, step.key),
        })),
      },
    },
    select: { id: true },
  });
  return created.id;
}

const INSTANCE_SELECT = {
  id: true,
  subjectType: true,
  subjectId: true,
  state: true,
  startedById: true,
  round: true,
  amount: true,
  context: true,
  lockVersion: true,
  endedReason: true,
  versionId: true,
  template: { select: { key: true, name: true, nameJa: true } },
  version: { select: { number: true, definition: true } },
} as const;

/**
 * The instance with its row locked until the transaction ends. Deciders on one instance take turns, so none reads
 * the instance row from before another's commit and its steps from after it.
 */
export async function lockInstance(tx: Tx, id: string): Promise<StoredInstance | null> {
  await tx.$queryRaw`SELECT 1 FROM "WorkflowInstance" WHERE id = ${id}::uuid FOR UPDATE`;
  return loadInstance(tx, id);
}

/** An engine instance with its current round's steps and everyone's earlier decisions; null when not found. */
export async function loadInstance(db: Queryable, id: string): Promise<StoredInstance | null> {
  const row = await db.workflowInstance.findUnique({ where: { id }, select: INSTANCE_SELECT });
  if (!row || !row.version || !row.versionId || !row.state) return null;
  const parsed = parseTemplate(row.version.definition);
  if (!parsed.ok) throw new Error(`stored workflow version ${row.versionId} no longer parses`);
  // One after the other: inside a transaction the queries share one connection.
  const steps = await db.workflowStep.findMany({
    where: { instanceId: id, round: row.round, position: { gt: 0 } },
    orderBy: { position: "asc" },
  });
  const decisions = await db.workflowDecision.findMany({
    where: {
      instanceId: id,
      actorId: { not: null },
      action: { in: [...ACTING_DECISIONS] },
      stepId: { not: null },
    },
    select: { round: true, action: true, actorId: true, step: { select: { position: true } } },
    orderBy: { decidedAt: "asc" },
  });
  const run: InstanceRun = {
    state: row.state,
    round: row.round,
    initiatorId: row.startedById ?? "",
    boundId: row.subjectType === "none" ? null : row.subjectId,
    amount: row.amount === null ? null : Number(row.amount),
    context: row.context as InstanceRun["context"],
    steps: steps.map((step) => {
      const detail = step.detail as unknown as StepDetail;
      return {
        key: step.key,
        kind: step.kind as StepRun["kind"],
        position: step.position,
        state: step.state ?? "blocked",
        ownerIds: step.ownerIds,
        candidateRoles: step.candidateRoles as Role[],
        groups: detail.groups ?? [],
        delegations: detail.delegations ?? [],
        approvals: detail.approvals ?? [],
        checked: detail.checked ?? [],
        activatedAt: toIso(step.activatedAt),
        dueAt: toIso(step.dueAt),
        doneAt: toIso(step.doneAt),
        doneById: step.doneById,
        heldSince: detail.heldSince ?? null,
      };
    }),
    history: decisions.map((d) => ({
      round: d.round,
      position: d.step?.position ?? 0,
      actorId: d.actorId ?? "",
      action: d.action as DecisionType,
    })),
  };
  return {
    id: row.id,
    templateKey: row.template.key,
    templateName: row.template.name,
    templateNameJa: row.template.nameJa,
    versionId: row.versionId,
    versionNumber: row.version.number,
    definition: parsed.template,
    boundType: row.subjectType,
    boundId: row.subjectId,
    lockVersion: row.lockVersion,
    endedReason: row.endedReason,
    run,
    stepIds: new Map(steps.map((step) => [step.key, step.id])),
  };
}

/**
 * Takes the instance's lock version from `expected` to the next, with its new state: false when someone else
 * moved it first (the caller answers 409). The row lock makes a concurrent writer wait, then find the new version.
 */
export async function advanceInstance(
  tx: Tx,
  id: string,
  expected: number,
  change: { state: InstanceState; round: number; at: Date; endedReason?: string | null; versionId?: string },
): Promise<boolean> {
  const ended = ["approved", "rejected", "cancelled", "completed"].includes(change.state);
  const { count } = await tx.workflowInstance.updateMany({
    where: { id, lockVersion: expected },
    data: {
      state: change.state,
      round: change.round,
      lockVersion: { increment: 1 },
      ...(ended
        ? {
            completedAt: change.at,
            status: change.state === "completed" || change.state === "approved" ? "completed" : "cancelled",
          }
        : {}),
      ...(change.endedReason !== undefined ? { endedReason: change.endedReason } : {}),
      ...(change.versionId ? { versionId: change.versionId } : {}),
    },
  });
  return count === 1;
}

/** Writes the steps a decision changed (and creates a new round's steps); returns step ids by key. */
export async function saveSteps(
  tx: Tx,
  stored: StoredInstance,
  after: InstanceRun,
): Promise<Map<string, string>> {
  if (after.round !== stored.run.round) {
    const created = await tx.workflowStep.createManyAndReturn({
      data: after.steps.map((step) => ({
        ...stepRowData(step),
        instanceId: stored.id,
        round: after.round,
        title: titleOf(stored.definition, step.key),
      })),
      select: { id: true, key: true },
    });
    return new Map(created.map((row) => [row.key, row.id]));
  }
  const before = new Map(stored.run.steps.map((step) => [step.key, JSON.stringify(step)]));
  for (const step of after.steps) {
    if (before.get(step.key) === JSON.stringify(step)) continue;
    const id = stored.stepIds.get(step.key);
    if (!id) throw new Error(`instance ${stored.id} has no row for step ${step.key}`);
    await tx.workflowStep.update({ where: { id }, data: stepRowData(step) });
  }
  return stored.stepIds;
}

export async function insertDecision(
  tx: Tx,
  decision: {
    instanceId: string;
    stepId: string | null;
    round: number;
    action: string;
    actorType: string;
    actorId: string | null;
    onBehalfOfId: string | null;
    reason: string | null;
    details: InputJsonObject;
    decidedAt: Date;
  },
): Promise<void> {
  await tx.workflowDecision.create({ data: decision });
}

/** Open instances pinned to a version (the candidates of a migration). */
export async function openInstanceIds(db: Queryable, versionId: string): Promise<string[]> {
  const rows = await db.workflowInstance.findMany({
    where: { versionId, state: { in: ["draft", "pending", "in_progress", "changes_requested"] } },
    select: { id: true },
    orderBy: { startedAt: "asc" },
  });
  return rows.map((row) => row.id);
}

/**
 * A migration's step rows: the current round's rows move to their new keys and positions (first out of the way,
 * so the unique position never collides), steps the new version dropped keep their rows at negative positions as
 * history, and steps new in this version get rows.
 */
export async function rewriteStepsForMigration(
  tx: Tx,
  stored: StoredInstance,
  newDefinition: WorkflowTemplate,
  steps: readonly { step: StepRun; fromKey: string | null }[],
): Promise<void> {
  const round = stored.run.round;
  await tx.workflowStep.updateMany({
    where: { instanceId: stored.id, round, position: { gt: 0 } },
    data: { position: { multiply: -1 } },
  });
  // Negative positions already used by earlier migrations: go below them.
  const lowest = await tx.workflowStep.aggregate({
    where: { instanceId: stored.id, round },
    _min: { position: true },
  });
  let parked = Math.min(lowest._min.position ?? 0, 0) - 1000;
  const kept = new Set(steps.map((s) => s.fromKey).filter((key): key is string => key !== null));
  for (const [key, id] of stored.stepIds) {
    if (!kept.has(key)) await tx.workflowStep.update({ where: { id }, data: { position: parked-- } });
  }
  for (const { step, fromKey } of steps) {
    const data = { ...stepRowData(step), title: titleOf(newDefinition, step.key) };
    const id = fromKey ? stored.stepIds.get(fromKey) : undefined;
    if (id) await tx.workflowStep.update({ where: { id }, data });
    else await tx.workflowStep.create({ data: { ...data, instanceId: stored.id, round } });
  }
}
