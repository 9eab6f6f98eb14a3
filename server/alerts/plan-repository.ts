import type { Prisma } from "../db/generated/client.ts";
import type { Queryable, Tx } from "../db/transaction.ts";
import { responsePlanStepsSchema, type InstanceStep } from "./response-plan.ts";

// Response plan runs are WorkflowInstances with subjectType "alert"; the only Prisma user for them.

const PLAN_SUBJECT = "alert";

export interface PlanTemplate {
  id: string;
  key: string;
  name: string;
  nameJa: string;
  steps: unknown;
}

export interface PlanRun {
  id: string;
  alertId: string;
  templateId: string;
  templateName: string;
  templateNameJa: string;
  status: "running" | "completed" | "cancelled";
  startedAt: Date;
  startedById: string | null;
  completedAt: Date | null;
  steps: (InstanceStep & { id: string })[];
  /** Step titles by key in both languages, from the template (a step row keeps its starter's language). */
  titles: Record<string, { en: string; ja: string }>;
}

export function planTemplates(db: Queryable): Promise<PlanTemplate[]> {
  return db.workflowTemplate.findMany({
    where: { kind: "response_plan" },
    select: { id: true, key: true, name: true, nameJa: true, steps: true },
    orderBy: { name: "asc" },
  });
}

export function findPlanTemplate(db: Queryable, id: string): Promise<PlanTemplate | null> {
  return db.workflowTemplate.findFirst({
    where: { id, kind: "response_plan" },
    select: { id: true, key: true, name: true, nameJa: true, steps: true },
  });
}

const RUN_SELECT = {
  id: true,
  subjectId: true,
  templateId: true,
  status: true,
  startedAt: true,
  startedById: true,
  completedAt: true,
  template: { select: { name: true, nameJa: true, steps: true } },
  steps: {
    select: { id: true, position: true, key: true, title: true, doneAt: true, doneById: true },
    orderBy: { position: "asc" },
  },
} as const;

function toRun(row: Prisma.WorkflowInstanceGetPayload<{ select: typeof RUN_SELECT }>): PlanRun {
  const { subjectId, template, ...rest } = row;
  const parsed = responsePlanStepsSchema.safeParse(template.steps);
  const titles = Object.fromEntries(
    (parsed.success ? parsed.data : []).map((step) => [step.key, { en: step.title, ja: step.titleJa }]),
  );
  return {
    ...rest,
    alertId: subjectId,
    templateName: template.name,
    templateNameJa: template.nameJa,
    titles,
  };
}

/** The latest run of each alert's response plan. */
export async function planRunsOf(db: Queryable, alertIds: readonly string[]): Promise<PlanRun[]> {
  const rows = await db.workflowInstance.findMany({
    where: { subjectType: PLAN_SUBJECT, subjectId: { in: [...alertIds] }, status: { not: "cancelled" } },
    select: RUN_SELECT,
    orderBy: { startedAt: "desc" },
  });
  const latest = new Map<string, PlanRun>();
  for (const row of rows) if (!latest.has(row.subjectId)) latest.set(row.subjectId, toRun(row));
  return [...latest.values()];
}

export async function findPlanRun(db: Queryable, id: string): Promise<PlanRun | null> {
  const row = await db.workflowInstance.findFirst({
    where: { id, subjectType: PLAN_SUBJECT },
    select: RUN_SELECT,
  });
  return row ? toRun(row) : null;
}

export async function createPlanRun(
  tx: Tx,
  run: {
    alertId: string;
    templateId: string;
    startedById: string;
    startedAt: Date;
    steps: readonly InstanceStep[];
  },
): Promise<string> {
  const created = await tx.workflowInstance.create({
    data: {
      templateId: run.templateId,
      subjectType: PLAN_SUBJECT,
      subjectId: run.alertId,
      startedById: run.startedById,
      startedAt: run.startedAt,
      steps: { create: run.steps.map(({ position, key, title }) => ({ position, key, title })) },
    },
    select: { id: true },
  });
  return created.id;
}

/** Conditional on the step still being open: false when someone ticked it first. */
export async function markStepDone(tx: Tx, stepId: string, doneAt: Date, doneById: string): Promise<boolean> {
  const { count } = await tx.workflowStep.updateMany({
    where: { id: stepId, doneAt: null },
    data: { doneAt, doneById },
  });
  return count === 1;
}

export async function completePlanRun(tx: Tx, id: string, completedAt: Date): Promise<void> {
  await tx.workflowInstance.update({ where: { id }, data: { status: "completed", completedAt } });
}
