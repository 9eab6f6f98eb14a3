import type { Queryable } from "../db/transaction.ts";
import type { InstanceState } from "./runtime-types.ts";

// What people read of running workflows: their task inbox and an instance's decision history.

/** The decision history of an instance, every round, in order. */
export function decisionHistory(db: Queryable, instanceId: string) {
  return db.workflowDecision.findMany({
    where: { instanceId },
    orderBy: { decidedAt: "asc" },
    select: {
      round: true,
      action: true,
      actorType: true,
      actorId: true,
      onBehalfOfId: true,
      reason: true,
      details: true,
      decidedAt: true,
      step: { select: { key: true, position: true } },
    },
  });
}

export interface MyTask {
  instanceId: string;
  stepId: string;
  stepKey: string;
  stepKind: string;
  title: string;
  templateKey: string;
  templateName: string;
  templateNameJa: string;
  boundType: string;
  boundId: string;
  state: InstanceState;
  dueAt: Date | null;
  activatedAt: Date | null;
  /** Owner of the step, delegate (answering for someone) or both. */
  relation: "owner" | "delegate";
  lockVersion: number;
}

/** Active steps of open instances that the user owns or was delegated, soonest due first. */
export async function myTasks(db: Queryable, userId: string, limit: number): Promise<MyTask[]> {
  const rows = await db.workflowStep.findMany({
    where: {
      state: "active",
      OR: [{ ownerIds: { has: userId } }, { delegateIds: { has: userId } }],
      instance: { state: { in: ["pending", "in_progress"] } },
    },
    orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { activatedAt: "asc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      key: true,
      kind: true,
      title: true,
      dueAt: true,
      activatedAt: true,
      ownerIds: true,
      instance: {
        select: {
          id: true,
          state: true,
          subjectType: true,
          subjectId: true,
          lockVersion: true,
          template: { select: { key: true, name: true, nameJa: true } },
        },
      },
    },
  });
  return rows.map((row) => ({
    instanceId: row.instance.id,
    stepId: row.id,
    stepKey: row.key,
    stepKind: row.kind,
    title: row.title,
    templateKey: row.instance.template.key,
    templateName: row.instance.template.name,
    templateNameJa: row.instance.template.nameJa,
    boundType: row.instance.subjectType,
    boundId: row.instance.subjectId,
    state: row.instance.state ?? "pending",
    dueAt: row.dueAt,
    activatedAt: row.activatedAt,
    relation: row.ownerIds.includes(userId) ? "owner" : "delegate",
    lockVersion: row.instance.lockVersion,
  }));
}
