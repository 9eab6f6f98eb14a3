import { z } from "zod";
import type { Prisma } from "../db/generated/client.ts";
import type { Queryable } from "../db/transaction.ts";

// Response plans run on the workflow engine: a rule names its plan template, its alerts start the plan through
// the workflows.bindings trigger, and people tick the steps through the workflow service. This is the city
// board's read of those instances (the only Prisma user for them here): each alert's latest plan, its current
// round's steps with their state, and the titles in both languages from the pinned version.

const PLAN_SUBJECT = "alert";
type InstanceState =
  | "draft"
  | "pending"
  | "in_progress"
  | "approved"
  | "rejected"
  | "changes_requested"
  | "cancelled"
  | "completed";
type StepState = "blocked" | "active" | "holding" | "done" | "rejected" | "returned" | "cancelled";

export interface PlanTemplate {
  id: string;
  key: string;
  name: string;
  nameJa: string;
}

interface PlanStep {
  id: string;
  position: number;
  key: string;
  kind: string;
  state: StepState;
  title: string;
  activatedAt: Date | null;
  /** A wait step whose condition holds (the city recovered): since when. */
  heldSince: Date | null;
  doneAt: Date | null;
  doneById: string | null;
}

export interface PlanRun {
  id: string;
  alertId: string;
  templateKey: string;
  templateName: string;
  templateNameJa: string;
  state: InstanceState;
  /** The optimistic lock a tick sends back, so two people ticking at once get a 409 with the current plan. */
  lockVersion: number;
  startedAt: Date;
  completedAt: Date | null;
  endedReason: string | null;
  steps: PlanStep[];
  /** Step titles by key in both languages, from the pinned template version. */
  titles: Record<string, { en: string; ja: string }>;
}

export function planTemplates(db: Queryable): Promise<PlanTemplate[]> {
  return db.workflowTemplate.findMany({
    where: { kind: "response_plan" },
    select: { id: true, key: true, name: true, nameJa: true },
    orderBy: { name: "asc" },
  });
}

/** The titles of a stored template version's steps (the engine validated it when it was published). */
const heldSince = z.object({ heldSince: z.iso.datetime({ offset: true }).nullable().optional() });
const definitionTitles = z.object({
  steps: z.array(z.object({ key: z.string(), title: z.string(), titleJa: z.string() })),
});

const RUN_SELECT = {
  id: true,
  subjectId: true,
  state: true,
  round: true,
  lockVersion: true,
  startedAt: true,
  completedAt: true,
  endedReason: true,
  template: { select: { key: true, name: true, nameJa: true } },
  version: { select: { definition: true } },
  steps: {
    where: { position: { gt: 0 } },
    select: {
      id: true,
      round: true,
      position: true,
      key: true,
      kind: true,
      state: true,
      title: true,
      activatedAt: true,
      detail: true,
      doneAt: true,
      doneById: true,
    },
    orderBy: { position: "asc" },
  },
} as const;

function toRun(row: Prisma.WorkflowInstanceGetPayload<{ select: typeof RUN_SELECT }>): PlanRun {
  const parsed = definitionTitles.safeParse(row.version?.definition);
  const titles = Object.fromEntries(
    (parsed.success ? parsed.data.steps : []).map((step) => [step.key, { en: step.title, ja: step.titleJa }]),
  );
  return {
    id: row.id,
    alertId: row.subjectId,
    templateKey: row.template.key,
    templateName: row.template.name,
    templateNameJa: row.template.nameJa,
    state: row.state ?? "pending",
    lockVersion: row.lockVersion,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    endedReason: row.endedReason,
    steps: row.steps
      .filter((step) => step.round === row.round)
      .map((step) => {
        const held = heldSince.safeParse(step.detail);
        const since = held.success ? held.data.heldSince : null;
        return {
          id: step.id,
          position: step.position,
          key: step.key,
          kind: step.kind,
          state: step.state ?? "blocked",
          title: step.title,
          activatedAt: step.activatedAt,
          heldSince: since ? new Date(since) : null,
          doneAt: step.doneAt,
          doneById: step.doneById,
        };
      }),
    titles,
  };
}

/** The latest engine run of each alert's response plan. */
export async function planRunsOf(db: Queryable, alertIds: readonly string[]): Promise<PlanRun[]> {
  const rows = await db.workflowInstance.findMany({
    where: {
      subjectType: PLAN_SUBJECT,
      subjectId: { in: [...alertIds] },
      state: { not: null },
      template: { kind: "response_plan" },
    },
    select: RUN_SELECT,
    orderBy: { startedAt: "desc" },
  });
  const latest = new Map<string, PlanRun>();
  for (const row of rows) if (!latest.has(row.subjectId)) latest.set(row.subjectId, toRun(row));
  return [...latest.values()];
}
