import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { SessionUser } from "../../server/auth/repository.ts";
import { getDb } from "../../server/db/client.ts";
import { escalationStepDuePayload, type WorkflowEventPayload } from "../../server/events/payloads.ts";
import { recordEvent } from "../../server/events/record.ts";
import { runIncidentResponseSweep } from "../../server/incidents/response-sweep.ts";
import { changeIncidentState, declareIncident } from "../../server/incidents/service.ts";
import { fixedClock, systemContext, userContext } from "../../server/lib/service-context.ts";
import { escalateIncidents, escalateWorkflows } from "../../server/oncall/workflow-incident-triggers.ts";
import { decideWorkflow, startWorkflow } from "../../server/workflows/service.ts";
import { drain } from "../support/backbone.ts";
import { createUser } from "../support/fixtures.ts";
import { approvalTemplate, as, people, publish, uniqueKey } from "../support/workflow-engine.ts";

// Approvals, stalled workflow steps and declared incidents page through the same escalation machinery as the
// ticket, risk and alert triggers: durable consumers of the workflow and incident events, the routed or built-in
// policy (its `assignees` being the approvers, the step's people, the commander), each responder's preferences
// (channels per severity, quiet hours that only a critical page bypasses). Redelivery never pages twice.

const db = getDb();

const escalationsOf = (objectId: string) =>
  db.escalation.findMany({ where: { objectId }, orderBy: { startedAt: "asc" } });

async function steps(escalationId: string) {
  const rows = await db.domainEvent.findMany({
    where: { aggregateId: escalationId, type: "EscalationStepDue" },
    orderBy: { seq: "asc" },
  });
  return rows.map((row) => escalationStepDuePayload.parse(row.payload));
}

const sorted = (ids: string[]) => [...ids].sort();

/** Quiet hours around the current UTC minute, so a page now falls inside them. */
async function quietNow(user: SessionUser, channels: Record<string, string[]>) {
  const now = new Date();
  const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
  await db.oncallPreference.create({
    data: {
      userId: user.id,
      timezone: "UTC",
      workDays: [1, 2, 3, 4, 5, 6, 7],
      workStartMin: 0,
      workEndMin: 1440,
      quietStartMin: (minute + 1380) % 1440,
      quietEndMin: (minute + 60) % 1440,
      channels,
    },
  });
}

async function approvalRequested() {
  const initiator = await createUser(["risk_manager"]);
  const approvers = await people(2);
  const key = uniqueKey("wf_oncall");
  await publish(approvalTemplate(key, approvers, { type: "all" }));
  const started = await startWorkflow(db, as(initiator), { templateKey: key, bound: { type: "none" } });
  await decideWorkflow(db, as(initiator), {
    instanceId: started.id,
    decision: { type: "complete", stepKey: "prepare" },
  });
  return { initiator, approvers, instanceId: started.id };
}

function workflowEvent(instanceId: string, extra: Partial<WorkflowEventPayload>): WorkflowEventPayload {
  return {
    instanceId,
    templateKey: "wf_stalled",
    templateVersion: 1,
    boundType: "none",
    boundId: "",
    state: "pending",
    round: 1,
    stepKey: "review",
    stepKind: "task",
    ...extra,
  };
}

const recordWorkflowEvent = (type: "WorkflowEscalated", payload: WorkflowEventPayload) =>
  db.$transaction((tx) =>
    recordEvent(tx, systemContext("workflows.sla-sweep"), {
      type,
      aggregateType: "workflow",
      aggregateId: payload.instanceId,
      payload: payload as never,
    }),
  );

describe("approval requested", () => {
  it("pages the approvers by their preferences; a decision acknowledges; a redelivery pages nobody again", async () => {
    const { approvers, instanceId } = await approvalRequested();
    const [quiet, plain] = approvers as [SessionUser, SessionUser];
    await quietNow(quiet, { info: ["slack", "email"] });
    await db.oncallPreference.create({
      data: {
        userId: plain.id,
        timezone: "Asia/Tokyo",
        workDays: [1, 2, 3, 4, 5, 6, 7],
        workStartMin: 0,
        workEndMin: 1440,
        channels: { info: ["email"] },
      },
    });
    await drain("oncall.workflows");

    const [escalation, ...others] = await escalationsOf(instanceId);
    expect(others).toHaveLength(0);
    // One level, no repeat: paged once, then live ("exhausted") until someone acts.
    expect(escalation).toMatchObject({ objectType: "workflow", severity: "info", status: "exhausted" });
    expect(escalation!.path).toBe(`/workflows/${instanceId}`);
    const [first] = await steps(escalation!.id);
    expect(sorted(first!.recipients.map((r) => r.userId))).toEqual(sorted([quiet.id, plain.id]));
    // Quiet hours turn a non-critical page into the bell only; outside them the person's channels apply.
    expect(first!.recipients.find((r) => r.userId === quiet.id)).toMatchObject({
      channels: ["in_app"],
      bypassQuietHours: false,
    });
    expect(first!.recipients.find((r) => r.userId === plain.id)?.channels).toEqual(["email"]);

    // The same assignment delivered again changes nothing.
    const assigned = await db.domainEvent.findFirstOrThrow({
      where: {
        aggregateId: instanceId,
        type: "WorkflowStepAssigned",
        payload: { path: ["stepKey"], equals: "approve" },
      },
    });
    const again = await escalateWorkflows(db, systemContext("oncall.workflows"), {
      ...assigned,
      type: "WorkflowStepAssigned",
      actorType: assigned.actorType,
    });
    expect(again).toBe("already escalating");
    expect(await escalationsOf(instanceId)).toHaveLength(1);

    // The first of the two approvals acknowledges (its pending steps stop); the second completes the step, which
    // leaves the acknowledged escalation as it is and starts none.
    await decideWorkflow(db, as(plain), { instanceId, decision: { type: "approve", stepKey: "approve" } });
    await drain("oncall.workflows");
    const [ended] = await escalationsOf(instanceId);
    expect(ended!.status).toBe("acknowledged");
    expect(ended!.nextStepAt).toBeNull();
    await decideWorkflow(db, as(quiet), { instanceId, decision: { type: "approve", stepKey: "approve" } });
    await drain("oncall.workflows");
    const after = await escalationsOf(instanceId);
    expect(after.map((e) => e.status)).toEqual(["acknowledged"]);
  });
});

describe("stalled workflow step", () => {
  it("reminds the step's holders, then pages the managers on breach (replacing the reminder); a hand skip pages nobody", async () => {
    const instanceId = randomUUID();
    const [holder, manager] = (await people(2)) as [SessionUser, SessionUser];
    await recordWorkflowEvent(
      "WorkflowEscalated",
      workflowEvent(instanceId, { reason: "sla_reminder", userIds: [holder.id] }),
    );
    await drain("oncall.workflows");
    const [reminder] = await escalationsOf(instanceId);
    expect(reminder).toMatchObject({ severity: "warning", status: "exhausted" });
    expect((await steps(reminder!.id)).map((s) => s.recipients.map((r) => r.userId))).toEqual([[holder.id]]);

    await recordWorkflowEvent(
      "WorkflowEscalated",
      workflowEvent(instanceId, { reason: "sla_breached", userIds: [manager.id] }),
    );
    await recordWorkflowEvent(
      "WorkflowEscalated",
      workflowEvent(instanceId, { reason: "skip_level", userIds: [holder.id] }),
    );
    await drain("oncall.workflows");
    const [first, breach, ...rest] = await escalationsOf(instanceId);
    expect(rest).toHaveLength(0);
    expect(first!.status).toBe("resolved");
    expect(breach).toMatchObject({ severity: "high", status: "exhausted" });
    expect((await steps(breach!.id)).map((s) => s.recipients.map((r) => r.userId))).toEqual([[manager.id]]);
  });
});

describe("incident declared", () => {
  it("pages a P1's commander and the city managers at once, bypassing quiet hours; a person triaging acknowledges", async () => {
    const admin = await createUser(["admin"]);
    const commander = await createUser(["support_agent"]);
    const cityManager = await createUser(["city_manager"]);
    await quietNow(commander, { critical: ["pagerduty"] });
    const incident = await declareIncident(db, userContext(admin, `incident-${randomUUID()}`), {
      title: "Orders fail in Testville",
      priority: "P1",
      commanderId: commander.id,
    });
    await drain("oncall.incidents");
    await drain("oncall.incidents");
    const [escalation, ...others] = await escalationsOf(incident.id);
    expect(others).toHaveLength(0);
    expect(escalation).toMatchObject({ objectType: "incident", severity: "critical", status: "active" });
    expect(escalation!.title).toContain(`#${incident.number}`);
    const [first] = await steps(escalation!.id);
    const paged = first!.recipients.map((r) => r.userId);
    expect(paged).toContain(commander.id);
    expect(paged).toContain(cityManager.id);
    expect(first!.recipients.find((r) => r.userId === commander.id)).toEqual({
      userId: commander.id,
      channels: ["pagerduty"],
      bypassQuietHours: true,
    });

    await changeIncidentState(db, userContext(commander, `triage-${randomUUID()}`), {
      incidentId: incident.id,
      to: "triaged",
      expectedVersion: incident.version,
    });
    await drain("oncall.incidents");
    const [acked] = await escalationsOf(incident.id);
    expect(acked!.status).toBe("acknowledged");
    expect(acked!.nextStepAt).toBeNull();
  });

  it("pages nobody for a P3 (no built-in policy for it); a P2 resolved ends its escalation", async () => {
    const admin = await createUser(["admin"]);
    const context = userContext(admin, `incident-${randomUUID()}`);
    const minor = await declareIncident(db, context, { title: "One restaurant slow", priority: "P3" });
    const major = await declareIncident(db, context, { title: "Payments degraded", priority: "P2" });
    await drain("oncall.incidents");
    expect(await escalationsOf(minor.id)).toHaveLength(0);
    const [paging] = await escalationsOf(major.id);
    expect(paging).toMatchObject({ severity: "high", status: "active" });

    await changeIncidentState(db, context, {
      incidentId: major.id,
      to: "resolved",
      expectedVersion: major.version,
    });
    await drain("oncall.incidents");
    expect((await escalationsOf(major.id))[0]!.status).not.toBe("active");
  });
});

describe("incident target missed", () => {
  const MINUTE = 60_000;
  const sweepAt = (at: Date) =>
    runIncidentResponseSweep(db, systemContext("incidents.response-sweep", { clock: fixedClock(at) }));

  it("pages the admins and the commander once per missed target, one severity up; the sweep's move to Escalated acknowledges nothing; a redelivery pages nobody", async () => {
    const admin = await createUser(["admin"]);
    const commander = await createUser(["support_agent"]);
    // Declared five hours ago, so both its 30-minute response and 4-hour mitigation targets can run out now.
    const declaredAt = new Date(Date.now() - 5 * 60 * MINUTE);
    const incident = await declareIncident(
      db,
      userContext(admin, `incident-${randomUUID()}`, fixedClock(declaredAt)),
      {
        title: "Checkout slow in Testville",
        priority: "P2",
        commanderId: commander.id,
      },
    );
    await drain("oncall.incidents");
    const [declared] = await escalationsOf(incident.id);
    expect(declared).toMatchObject({ severity: "high", status: "active" });

    await sweepAt(new Date(declaredAt.getTime() + 40 * MINUTE));
    await drain("oncall.incidents");
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).state).toBe("escalated");
    const afterRespond = await escalationsOf(incident.id);
    expect(afterRespond).toHaveLength(2);
    // The sweep (no person) moved the incident to Escalated: the declared escalation is still paging.
    expect(afterRespond[0]).toMatchObject({ id: declared!.id, status: "active" });
    const respondMiss = afterRespond[1]!;
    expect(respondMiss).toMatchObject({
      triggerKey: `incident.target_missed:${incident.id}:respond`,
      severity: "critical",
      path: `/incidents/${incident.id}`,
    });
    expect(respondMiss.title).toContain(`#${incident.number}`);
    const [page, ...morePages] = await steps(respondMiss.id);
    expect(morePages).toHaveLength(0);
    const paged = page!.recipients.map((r) => r.userId);
    expect(paged).toContain(admin.id);
    expect(paged).toContain(commander.id);

    // The same missed target delivered again starts nothing and pages nobody.
    const missed = await db.domainEvent.findFirstOrThrow({
      where: { aggregateId: incident.id, type: "IncidentTargetMissed" },
    });
    const again = await escalateIncidents(db, systemContext("oncall.incidents"), {
      ...missed,
      type: "IncidentTargetMissed",
      actorType: missed.actorType,
    });
    expect(again).toBe("already escalating");
    expect(await escalationsOf(incident.id)).toHaveLength(2);
    expect(await steps(respondMiss.id)).toHaveLength(1);

    // The mitigation target running out pages once more, replacing the acknowledgement miss.
    await sweepAt(new Date(declaredAt.getTime() + 4 * 60 * MINUTE + 10 * MINUTE));
    await drain("oncall.incidents");
    const [stillDeclared, replaced, mitigateMiss, ...rest] = await escalationsOf(incident.id);
    expect(rest).toHaveLength(0);
    expect(stillDeclared!.status).toBe("active");
    expect(replaced).toMatchObject({ id: respondMiss.id, status: "resolved" });
    expect(mitigateMiss).toMatchObject({
      triggerKey: `incident.target_missed:${incident.id}:mitigate`,
      severity: "critical",
    });
    expect(await steps(mitigateMiss!.id)).toHaveLength(1);
    expect(
      await db.domainEvent.count({ where: { aggregateId: incident.id, type: "IncidentTargetMissed" } }),
    ).toBe(2);
  });
});
