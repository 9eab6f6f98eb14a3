import type { Queryable } from "../db/transaction.ts";
import type { InstanceState, StepRun } from "./runtime-types.ts";
import { parseTemplate, type WorkflowTemplate } from "./template.ts";

// Reads for the screens and the REST list that the engine's own repository does not serve: instances by filter
// and by bound object, a person's inbox rows with their pool and delegations, names, and the published versions
// with the instances running each. Prisma only here.

const OPEN: InstanceState[] = ["draft", "pending", "in_progress", "changes_requested"];

export interface InstanceFilter {
  templateKey?: string;
  states?: InstanceState[];
  boundType?: string;
  boundId?: string;
  cursor?: string;
  limit: number;
}

/** Instances newest first (ids are UUIDv7, so id order is start order); one more than `limit` tells of a next page. */
export function listInstances(db: Queryable, filter: InstanceFilter) {
  return db.workflowInstance.findMany({
    where: {
      state: filter.states ? { in: filter.states } : { not: null },
      ...(filter.templateKey ? { template: { key: filter.templateKey } } : {}),
      ...(filter.boundType ? { subjectType: filter.boundType } : {}),
      ...(filter.boundId ? { subjectId: filter.boundId } : {}),
      ...(filter.cursor ? { id: { lt: filter.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: filter.limit + 1,
    select: {
      id: true,
      state: true,
      round: true,
      subjectType: true,
      subjectId: true,
      startedById: true,
      startedAt: true,
      completedAt: true,
      lockVersion: true,
      template: { select: { key: true } },
      version: { select: { number: true } },
    },
  });
}

/**
 * The engine instances of one object, newest first: those bound to it, and those it joined (an alert of a situation
 * whose plan was already running, by the auto-start ledger).
 */
export async function instanceIdsOfBound(
  db: Queryable,
  boundType: string,
  boundId: string,
): Promise<string[]> {
  const joined = await db.workflowTriggerStart.findMany({
    where: { subjectType: boundType, subjectId: boundId },
    select: { instanceId: true },
  });
  const rows = await db.workflowInstance.findMany({
    where: {
      OR: [{ subjectType: boundType, subjectId: boundId }, { id: { in: joined.map((j) => j.instanceId) } }],
      state: { not: null },
    },
    orderBy: { id: "desc" },
    take: 20,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

interface InboxDetail {
  delegations?: StepRun["delegations"];
  approvals?: StepRun["approvals"];
  checked?: string[];
}

interface InboxRow {
  key: string;
  kind: string;
  title: string;
  dueAt: Date | null;
  activatedAt: Date | null;
  ownerIds: string[];
  detail: InboxDetail | null;
  instanceId: string;
  state: InstanceState | null;
  subjectType: string;
  subjectId: string;
  lockVersion: number;
  startedById: string | null;
  amount: number | null;
  versionId: string | null;
  templateKey: string;
  templateName: string;
  templateNameJa: string;
}

/**
 * Active steps of open instances the user may act on (in the pool or delegated), soonest due first. One statement
 * with its joins: the home page runs it for everyone, among every open instance (bench:workflows).
 */
export async function inboxSteps(db: Queryable, userId: string, limit: number) {
  const rows = await db.$queryRaw<InboxRow[]>`
    SELECT s.key, s.kind, s.title, s."dueAt", s."activatedAt", s."ownerIds"::text[] AS "ownerIds", s.detail,
           i.id AS "instanceId", i.state::text AS state, i."subjectType", i."subjectId", i."lockVersion",
           i."startedById"::text AS "startedById", i.amount::float8 AS amount, i."versionId"::text AS "versionId",
           t.key AS "templateKey", t.name AS "templateName", t."nameJa" AS "templateNameJa"
      FROM "WorkflowStep" s
      JOIN "WorkflowInstance" i ON i.id = s."instanceId"
      JOIN "WorkflowTemplate" t ON t.id = i."templateId"
     WHERE s.state = 'active'
       AND (s."ownerIds" @> ARRAY[${userId}::uuid] OR s."delegateIds" @> ARRAY[${userId}::uuid])
       AND i.state IN ('pending', 'in_progress')
     ORDER BY s."dueAt" ASC NULLS LAST, s."activatedAt" ASC, s.id ASC
     LIMIT ${limit}`;
  return rows.map((row) => {
    const d = row.detail ?? {};
    return {
      key: row.key,
      kind: row.kind,
      title: row.title,
      dueAt: row.dueAt,
      activatedAt: row.activatedAt,
      ownerIds: row.ownerIds,
      instance: {
        id: row.instanceId,
        state: row.state,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        lockVersion: row.lockVersion,
        startedById: row.startedById,
        versionId: row.versionId,
        template: { key: row.templateKey, name: row.templateName, nameJa: row.templateNameJa },
      },
      delegations: d.delegations ?? [],
      approvals: d.approvals ?? [],
      checked: d.checked ?? [],
      amount: row.amount,
    };
  });
}

/** Parsed definitions of published versions, by version id. */
export async function versionDefinitions(
  db: Queryable,
  versionIds: readonly string[],
): Promise<Map<string, WorkflowTemplate>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db.workflowTemplateVersion.findMany({
    where: { id: { in: [...new Set(versionIds)] } },
    select: { id: true, definition: true },
  });
  const result = new Map<string, WorkflowTemplate>();
  for (const row of rows) {
    const parsed = parseTemplate(row.definition);
    if (parsed.ok) result.set(row.id, parsed.template);
  }
  return result;
}

export async function versionOf(db: Queryable, versionId: string) {
  return db.workflowTemplateVersion.findUnique({
    where: { id: versionId },
    select: { number: true, label: true, publishedAt: true },
  });
}

/** Display names by user id, and by API client id for integrations owning steps (unknown ids are left out). */
export async function namesOf(db: Queryable, ids: readonly string[]): Promise<Record<string, string>> {
  const wanted = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (wanted.length === 0) return {};
  const [users, clients] = await Promise.all([
    db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } }),
    db.apiClient.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } }),
  ]);
  return Object.fromEntries([...clients, ...users].map((row) => [row.id, row.name]));
}

/** The newest published version of every template (what can be started now). */
export async function latestVersions(db: Queryable) {
  const rows = await db.workflowTemplate.findMany({
    where: { versions: { some: {} } },
    orderBy: { key: "asc" },
    select: {
      key: true,
      name: true,
      nameJa: true,
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, definition: true } },
    },
  });
  return rows.flatMap(({ versions, ...template }) => {
    const latest = versions[0];
    const parsed = latest ? parseTemplate(latest.definition) : null;
    return latest && parsed?.ok
      ? [{ ...template, versionNumber: latest.number, definition: parsed.template }]
      : [];
  });
}

/** Every template's versions with their definitions, open-instance counts and the newest open instances of each. */
export async function versionsWithInstances(db: Queryable, instancesPerVersion: number) {
  const templates = await db.workflowTemplate.findMany({
    where: { versions: { some: {} } },
    orderBy: { key: "asc" },
    select: {
      key: true,
      name: true,
      nameJa: true,
      kind: true,
      versions: {
        orderBy: { number: "asc" },
        select: {
          number: true,
          label: true,
          contentHash: true,
          publishedAt: true,
          definition: true,
          _count: { select: { instances: { where: { state: { in: OPEN } } } } },
          instances: {
            where: { state: { in: OPEN } },
            orderBy: { id: "desc" },
            take: instancesPerVersion,
            select: { id: true, state: true, subjectType: true, subjectId: true, startedAt: true },
          },
        },
      },
    },
  });
  return templates;
}
