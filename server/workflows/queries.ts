import type { Permission } from "../auth/permissions.ts";
import { can } from "../auth/permissions.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../lib/errors.ts";
import { parseInput } from "../lib/parse-input.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { loadInstance, type StoredInstance } from "./instance-repository.ts";
import { decisionHistory } from "./task-repository.ts";
import {
  boundInput,
  inboxInput,
  listFilter,
  workflowIdInput,
  type InboxItem,
  type ListFilter,
  type TemplateOverview,
  type WorkflowCard,
  type WorkflowDetail,
} from "./read-contract.ts";
import {
  inboxSteps,
  instanceIdsOfBound,
  latestVersions,
  listInstances,
  namesOf,
  versionDefinitions,
  versionOf,
  versionsWithInstances,
} from "./read-repository.ts";
import { diffSteps } from "./step-diff.ts";
import { parseTemplate, type WorkflowTemplate } from "./template.ts";
import { toView } from "./view.ts";
import { isWaitingOnUser, waitingOn } from "./waiting-on.ts";

// Read use cases of the workflow screens and the REST list: My tasks, an instance with its history, a bound
// object's workflows, the template versions side by side. Who may read: anyone who may read the bound object, or
// anyone the instance involves (initiator, a step's pool, a delegate); integrations by their token's scope.

const BOUND_READ: Record<string, Permission> = {
  ticket: "tickets:read",
  risk_case: "risks:read",
  alert: "cities:read",
  incident: "workflows:manage",
  none: "workflows:manage",
};

function mayReadBound(context: ServiceContext, boundType: string): boolean {
  const { actor } = context;
  if (actor.type !== "user") return true;
  const permission = BOUND_READ[boundType] ?? "workflows:manage";
  return can(actor.user.roles, permission, actor.user.permissions);
}

function involves(stored: StoredInstance, userId: string): boolean {
  return (
    stored.run.initiatorId === userId ||
    stored.run.steps.some(
      (s) =>
        s.ownerIds.includes(userId) || s.delegations.some((d) => d.to === userId) || s.doneById === userId,
    )
  );
}

function guidesOf(definition: WorkflowTemplate): WorkflowCard["guides"] {
  return definition.steps.map((step) => ({
    key: step.key,
    checklist: step.kind === "task" ? step.checklist : [],
    mode: step.kind === "approval" ? step.mode.type : null,
  }));
}

function peopleIdsOf(stored: StoredInstance): string[] {
  return [
    stored.run.initiatorId,
    ...stored.run.steps.flatMap((s) => [
      ...s.ownerIds,
      ...s.delegations.flatMap((d) => [d.from, d.to]),
      ...s.approvals.map((a) => a.by),
      ...(s.doneById ? [s.doneById] : []),
    ]),
  ];
}

async function cardOf(db: Db, context: ServiceContext, stored: StoredInstance, extraIds: string[] = []) {
  const waiting = waitingOn(stored.definition, stored.run);
  const card: WorkflowCard = {
    workflow: toView(stored),
    waiting,
    guides: guidesOf(stored.definition),
    people: await namesOf(db, [...peopleIdsOf(stored), ...extraIds]),
    mine: context.actor.type === "user" && isWaitingOnUser(waiting, context.actor.id),
  };
  return card;
}

async function readable(db: Db, context: ServiceContext, id: string): Promise<StoredInstance> {
  const stored = await loadInstance(db, id);
  const { actor } = context;
  const allowed =
    stored !== null &&
    (mayReadBound(context, stored.boundType) || (actor.type === "user" && involves(stored, actor.id)));
  // Someone without access learns nothing, not even that the instance exists.
  if (!stored || !allowed) throw new AppError("NOT_FOUND", "id: no such workflow.");
  return stored;
}

/** One instance: steps with state, who must act, what blocks it, its decisions by round and its pinned version. */
export async function workflowDetail(db: Db, context: ServiceContext, raw: unknown): Promise<WorkflowDetail> {
  const { id } = parseInput(workflowIdInput, raw);
  const stored = await readable(db, context, id);
  const decisions = await decisionHistory(db, id);
  const version = await versionOf(db, stored.versionId);
  const actorIds = decisions.flatMap((d) => [d.actorId, d.onBehalfOfId].filter((x): x is string => !!x));
  return {
    ...(await cardOf(db, context, stored, actorIds)),
    version: {
      number: stored.versionNumber,
      label: version?.label ?? String(stored.versionNumber),
      publishedAt: (version?.publishedAt ?? new Date(0)).toISOString(),
    },
    history: decisions.map((d) => ({
      round: d.round,
      action: d.action,
      actorType: d.actorType,
      actorId: d.actorId,
      onBehalfOfId: d.onBehalfOfId,
      reason: d.reason,
      stepKey: d.step?.key ?? null,
      decidedAt: d.decidedAt.toISOString(),
    })),
  };
}

/** The workflows bound to a ticket, risk case or alert, and the templates that can still be started on it. */
export async function workflowsOfBound(db: Db, context: ServiceContext, raw: unknown) {
  const bound = parseInput(boundInput, raw);
  if (!mayReadBound(context, bound.type))
    throw new AppError("FORBIDDEN", `Missing permission ${BOUND_READ[bound.type]}.`);
  const workflows: WorkflowCard[] = [];
  for (const id of await instanceIdsOfBound(db, bound.type, bound.id)) {
    const stored = await loadInstance(db, id);
    if (stored) workflows.push(await cardOf(db, context, stored));
  }
  const running = new Set(
    workflows
      .filter((w) => !["approved", "rejected", "cancelled", "completed"].includes(w.workflow.state))
      .map((w) => w.workflow.templateKey),
  );
  const startable = (await latestVersions(db))
    .filter(
      (t) =>
        t.definition.bindings.includes(bound.type) && t.definition.kind === "workflow" && !running.has(t.key),
    )
    .map(({ key, name, nameJa, versionNumber }) => ({ key, name, nameJa, versionNumber }));
  return { workflows, startable };
}

function relationOf(
  userId: string,
  ownerIds: readonly string[],
  delegations: readonly { from: string; to: string }[],
) {
  if (ownerIds.includes(userId)) return ownerIds.length === 1 ? "assigned" : "candidate";
  return delegations.some((d) => d.to === userId) ? "delegated" : "candidate";
}

/**
 * The signed-in person's day: steps assigned to them, steps of their roles' or teams' pools, and work delegated to
 * them, soonest due first. Approvals they already answered are left out (the step waits for others).
 */
export async function myInbox(db: Db, context: ServiceContext, raw: unknown = {}) {
  const { limit } = parseInput(inboxInput, raw);
  if (context.actor.type !== "user") throw new AppError("FORBIDDEN", "My tasks belong to a person.");
  const me = context.actor.id;
  const rows = await inboxSteps(db, me, limit);
  const definitions = await versionDefinitions(
    db,
    rows.flatMap((r) => (r.instance.versionId ? [r.instance.versionId] : [])),
  );
  const items: InboxItem[] = rows
    .filter((r) => !r.approvals.some((a) => a.by === me || a.for === me))
    .map((r) => {
      const definition = r.instance.versionId ? definitions.get(r.instance.versionId) : undefined;
      const step = definition?.steps.find((s) => s.key === r.key);
      return {
        instanceId: r.instance.id,
        stepKey: r.key,
        stepKind: (step?.kind ?? r.kind) as InboxItem["stepKind"],
        title: step?.title ?? r.title,
        titleJa: step?.titleJa ?? r.title,
        templateKey: r.instance.template.key,
        templateName: r.instance.template.name,
        templateNameJa: r.instance.template.nameJa,
        boundType: r.instance.subjectType,
        boundId: r.instance.subjectId,
        state: r.instance.state ?? "pending",
        lockVersion: r.instance.lockVersion,
        dueAt: r.dueAt?.toISOString() ?? null,
        activatedAt: r.activatedAt?.toISOString() ?? null,
        relation: relationOf(me, r.ownerIds, r.delegations),
        delegatedBy: r.delegations.filter((d) => d.to === me).map((d) => d.from),
        initiatorId: r.instance.startedById ?? "",
        iAmInitiator: r.instance.startedById === me,
        amount: r.amount,
        checklist: step?.kind === "task" ? step.checklist : [],
        checked: r.checked,
      };
    });
  const people = await namesOf(
    db,
    items.flatMap((i) => [i.initiatorId, ...i.delegatedBy]),
  );
  return { items, people };
}

/** Instances by template, state and bound object, newest first, keyset-paginated. */
export async function listWorkflows(db: Db, context: ServiceContext, raw: ListFilter) {
  const filter = parseInput(listFilter, raw);
  if (filter.boundType && !mayReadBound(context, filter.boundType))
    throw new AppError("FORBIDDEN", `Missing permission ${BOUND_READ[filter.boundType]}.`);
  if (!filter.boundType) requirePermission(context, "workflows:manage");
  const rows = await listInstances(db, filter);
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      templateKey: row.template.key,
      versionNumber: row.version?.number ?? null,
      state: row.state,
      round: row.round,
      boundType: row.subjectType,
      boundId: row.subjectId,
      initiatorId: row.startedById,
      startedAt: row.startedAt.toISOString(),
      completedAt: row.completedAt?.toISOString() ?? null,
      lockVersion: row.lockVersion,
    })),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Templates and their versions side by side: steps, the diff with the previous version, the instances on each. */
export async function templateVersions(db: Db, context: ServiceContext): Promise<TemplateOverview[]> {
  requirePermission(context, "workflows:manage");
  const templates = await versionsWithInstances(db, 25);
  return templates.map((template) => {
    let previous: WorkflowTemplate["steps"] = [];
    const versions = template.versions.map((version, index) => {
      const parsed = parseTemplate(version.definition);
      const steps = parsed.ok ? parsed.template.steps : [];
      const diff =
        index === 0
          ? []
          : diffSteps(previous, steps).map(({ key, change, fields }) => ({ key, change, fields }));
      previous = steps;
      return {
        number: version.number,
        label: version.label,
        contentHash: version.contentHash,
        publishedAt: version.publishedAt.toISOString(),
        steps: steps.map(({ key, kind, title, titleJa }) => ({ key, kind, title, titleJa })),
        diff,
        openInstances: version._count.instances,
        instances: version.instances.map((i) => ({
          id: i.id,
          state: i.state,
          boundType: i.subjectType,
          boundId: i.subjectId,
          startedAt: i.startedAt.toISOString(),
        })),
      };
    });
    return { key: template.key, name: template.name, nameJa: template.nameJa, kind: template.kind, versions };
  });
}
