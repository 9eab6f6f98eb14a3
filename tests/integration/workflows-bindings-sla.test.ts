import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { drain } from "../support/backbone.ts";
import { createUser } from "../support/fixtures.ts";
import { publishDefinition, systemAt } from "../support/workflow-bindings.ts";
import type { SessionUser } from "../../server/auth/repository.ts";
import { getDb } from "../../server/db/client.ts";
import { addBusinessMinutes } from "../../server/lib/business-calendar.ts";
import { userContext } from "../../server/lib/service-context.ts";
import { decideWorkflow, startWorkflow } from "../../server/workflows/service.ts";
import { scheduleStepSla } from "../../server/workflows/sla/schedule-consumer.ts";
import { runWorkflowSlaSweep } from "../../server/workflows/sla/sweep.ts";

// Step SLAs: the clock starts when the step is assigned, on the owning team's business calendar; the sweep
// reminds whoever must act at 75 % and escalates to their manager (or a named role) at 100 %, each exactly once
// however many sweeps run at the same time, and never for a step already done.

const db = getDb();
const MINUTE = 60_000;
const hex = () => randomBytes(4).toString("hex");

let owner: SessionUser;
let manager: SessionUser;
let initiator: SessionUser;
let teamKey: string;
let auditor: SessionUser;

async function template(escalateTo: Record<string, unknown>) {
  const key = `sla_${hex()}`;
  await publishDefinition({
    key,
    name: "SLA test",
    nameJa: "SLA テスト",
    version: "1",
    steps: [
      {
        key: "review",
        kind: "task",
        title: "Review",
        titleJa: "確認",
        candidates: { teams: [teamKey] },
        sla: { minutes: 120, escalateTo },
      },
      { key: "after", kind: "task", title: "After", titleJa: "後", candidates: { assignee: "initiator" } },
    ],
  });
  return key;
}

async function started(templateKey: string) {
  const view = await startWorkflow(db, userContext(initiator, `test-${randomUUID()}`), {
    templateKey,
    bound: { type: "none" },
  });
  await drain("workflows.step-sla");
  const step = await db.workflowStep.findFirstOrThrow({ where: { instanceId: view.id, key: "review" } });
  return { id: view.id, step };
}

const escalations = (instanceId: string) =>
  db.domainEvent.findMany({
    where: { aggregateId: instanceId, type: "WorkflowEscalated" },
    orderBy: { seq: "asc" },
  });

const sweepAt = (at: number) => runWorkflowSlaSweep(db, systemAt(new Date(at), "workflows.sla-sweep"));

beforeAll(async () => {
  // The owning team works Monday to Friday, 09:00–18:00 in Tokyo; its lead is the manager escalations go to.
  const calendar = await db.businessCalendar.create({
    data: {
      name: `Workflow SLA ${hex()}`,
      timezone: "Asia/Tokyo",
      dayStartMin: 540,
      dayEndMin: 1080,
      workDays: [1, 2, 3, 4, 5],
    },
  });
  manager = await createUser(["support_agent"]);
  teamKey = `wf_sla_${hex()}`;
  const team = await db.team.create({
    data: {
      key: teamKey,
      name: "SLA team",
      nameJa: "SLA チーム",
      calendarId: calendar.id,
      leadId: manager.id,
    },
  });
  owner = await createUser(["support_agent"]);
  await db.user.update({ where: { id: owner.id }, data: { teamId: team.id } });
  initiator = await createUser(["support_agent"]);
  auditor = await createUser(["admin"]);
  await drain("workflows.step-sla");
});

describe("step SLAs", () => {
  it("run on the owning team's business calendar: reminder at 75 %, escalation to the manager at 100 %, each once under concurrent sweeps", async () => {
    const { id, step } = await started(await template({ type: "manager" }));
    const sla = await db.workflowStepSla.findUniqueOrThrow({ where: { stepId: step.id } });
    const calendar = await db.team.findUniqueOrThrow({
      where: { key: teamKey },
      select: { calendarId: true },
    });
    expect(sla.calendarId).toBe(calendar.calendarId);
    // 90 and 120 business minutes after activation on the team's calendar (09:00–18:00 Tokyo, weekdays).
    const tokyo = {
      timezone: "Asia/Tokyo",
      dayStartMin: 540,
      dayEndMin: 1080,
      workDays: [1, 2, 3, 4, 5],
      holidays: [],
    };
    expect(sla.remindAt).toEqual(addBusinessMinutes(step.activatedAt!, 90, tokyo));
    expect(sla.escalateAt).toEqual(addBusinessMinutes(step.activatedAt!, 120, tokyo));
    expect(sla.escalateAt.getTime()).toBeGreaterThan(sla.remindAt.getTime());

    // Redelivering the assignment keeps the clock it started.
    const assigned = await db.domainEvent.findFirstOrThrow({
      where: { aggregateId: id, type: "WorkflowStepAssigned" },
    });
    const again = await scheduleStepSla(db, systemAt(), { ...assigned, type: "WorkflowStepAssigned" });
    expect(again).toBe("SLA clock running already");
    await sweepAt(sla.remindAt.getTime() - MINUTE);
    expect(await escalations(id)).toHaveLength(0);

    const reminders = await Promise.all([sweepAt(sla.remindAt.getTime()), sweepAt(sla.remindAt.getTime())]);
    expect(reminders.reduce((n, r) => n + r.reminded, 0)).toBeGreaterThanOrEqual(1);
    const afterReminder = await escalations(id);
    expect(afterReminder).toHaveLength(1);
    expect(afterReminder[0]?.payload).toMatchObject({ stepKey: "review", reason: "sla_reminder" });
    expect((afterReminder[0]?.payload as { userIds: string[] }).userIds).toContain(owner.id);

    await Promise.all([
      sweepAt(sla.escalateAt.getTime()),
      sweepAt(sla.escalateAt.getTime()),
      sweepAt(sla.escalateAt.getTime() + MINUTE),
    ]);
    await sweepAt(sla.escalateAt.getTime() + 60 * MINUTE);
    const all = await escalations(id);
    expect(all.map((e) => (e.payload as { reason: string }).reason)).toEqual([
      "sla_reminder",
      "sla_breached",
    ]);
    expect((all[1]?.payload as { userIds: string[] }).userIds).toEqual([manager.id]);
    const marked = await db.workflowStepSla.findUniqueOrThrow({ where: { stepId: step.id } });
    expect(marked.remindedAt).not.toBeNull();
    expect(marked.escalatedAt).not.toBeNull();
  });

  it("escalates to everyone with the named role, and never for a step done in time", async () => {
    const key = await template({ type: "role", role: "admin" });
    const late = await started(key);
    const onTime = await started(key);
    await decideWorkflow(db, userContext(owner, `test-${randomUUID()}`), {
      instanceId: onTime.id,
      decision: { type: "complete", stepKey: "review" },
    });
    const sla = await db.workflowStepSla.findUniqueOrThrow({ where: { stepId: late.step.id } });
    await sweepAt(sla.escalateAt.getTime() + MINUTE);
    const [escalated, ...more] = await escalations(late.id);
    expect(more).toHaveLength(0);
    expect(escalated?.payload).toMatchObject({ reason: "sla_breached" });
    expect((escalated?.payload as { userIds: string[] }).userIds).toContain(auditor.id);
    expect(await escalations(onTime.id)).toHaveLength(0);
  });
});
