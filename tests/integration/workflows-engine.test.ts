import { describe, expect, it } from "vitest";
import type { SessionUser } from "../../server/auth/repository.ts";
import { AppError } from "../../server/lib/errors.ts";
import { decideWorkflow, getWorkflow, listMyTasks, startWorkflow } from "../../server/workflows/service.ts";
import { createUser } from "../support/fixtures.ts";
import {
  adminContext,
  approvalTemplate,
  as,
  db,
  people,
  publish,
  uniqueKey,
} from "../support/workflow-engine.ts";

async function startedRequest(mode: Record<string, unknown> = { type: "any" }, approverCount = 2) {
  const initiator = await createUser(["risk_manager"]);
  const approvers = await people(approverCount);
  const key = uniqueKey("wf_request");
  await publish(approvalTemplate(key, [initiator, ...approvers], mode));
  const started = await startWorkflow(db, as(initiator), { templateKey: key, bound: { type: "none" } });
  const prepared = await decideWorkflow(db, as(initiator), {
    instanceId: started.id,
    decision: { type: "complete", stepKey: "prepare" },
  });
  return { key, initiator, approvers, instance: prepared };
}

async function refusalOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("template versions", () => {
  it("publishing identical content makes no new version; a running instance keeps the version it pinned", async () => {
    const [approver] = await people(1);
    const key = uniqueKey("wf_pinned");
    const first = await publish(approvalTemplate(key, [approver!]));
    expect(first).toMatchObject({ number: 1, created: true });
    expect(await publish(approvalTemplate(key, [approver!]))).toMatchObject({ number: 1, created: false });

    const initiator = await createUser(["support_agent"]);
    const running = await startWorkflow(db, as(initiator), { templateKey: key, bound: { type: "none" } });
    expect(running).toMatchObject({ versionNumber: 1, state: "pending" });

    const changed = approvalTemplate(key, [approver!]);
    changed.steps[0]!.title = "Prepare the request";
    changed.version = "2";
    expect(await publish(changed)).toMatchObject({ number: 2, created: true });

    const pinned = await getWorkflow(db, as(initiator), { id: running.id });
    expect(pinned.versionNumber).toBe(1);
    expect(pinned.steps[0]?.title).toBe("Prepare");
    const newer = await startWorkflow(db, as(initiator), { templateKey: key, bound: { type: "none" } });
    expect(newer.versionNumber).toBe(2);
    const audit = await db.auditLog.findMany({
      where: { action: "WorkflowTemplatePublished", details: { path: ["templateKey"], equals: key } },
    });
    expect(audit).toHaveLength(2);
  });
});

describe("deciding", () => {
  it("records each change with its events in the decision's transaction, and shows approvers their task", async () => {
    const { initiator, approvers, instance } = await startedRequest();
    const tasks = await listMyTasks(db, as(approvers[0]!));
    expect(tasks.map((t) => [t.instanceId, t.stepKey])).toContainEqual([instance.id, "approve"]);
    expect((await listMyTasks(db, as(initiator))).some((t) => t.instanceId === instance.id)).toBe(false);

    const approved = await decideWorkflow(db, as(approvers[0]!), {
      instanceId: instance.id,
      decision: { type: "approve", stepKey: "approve" },
    });
    expect(approved.state).toBe("completed");
    const events = await db.domainEvent.findMany({
      where: { aggregateId: instance.id },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual([
      "WorkflowInitiated",
      "WorkflowStepAssigned",
      "TaskStepCompleted",
      "WorkflowStepAssigned",
      "TaskStepCompleted",
      "WorkflowCompleted",
    ]);
    const decisions = await db.workflowDecision.findMany({
      where: { instanceId: instance.id },
      orderBy: { decidedAt: "asc" },
    });
    expect(decisions.map((d) => [d.action, d.actorId])).toEqual([
      ["submit", initiator.id],
      ["complete", initiator.id],
      ["approve", approvers[0]!.id],
    ]);
  });

  it("two people deciding the same step at once: one wins, the other gets 409 with the current state", async () => {
    const { approvers, instance } = await startedRequest();
    const attempts = await Promise.allSettled(
      approvers.map((approver) =>
        decideWorkflow(db, as(approver), {
          instanceId: instance.id,
          expectedVersion: instance.lockVersion,
          decision: { type: "approve", stepKey: "approve" },
        }),
      ),
    );
    const won = attempts.filter((a) => a.status === "fulfilled");
    const lost = attempts.flatMap((a) => (a.status === "rejected" ? [a.reason as AppError] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({
      code: "CONFLICT",
      details: { current: { id: instance.id, state: "completed" } },
    });
    const approvals = await db.workflowDecision.count({
      where: { instanceId: instance.id, action: "approve" },
    });
    expect(approvals).toBe(1);
  });

  it("two approvals racing without an expected version: the row lock orders them and neither is lost", async () => {
    const { approvers, instance } = await startedRequest({ type: "all" });
    const attempts = await Promise.allSettled(
      approvers.map((approver) =>
        decideWorkflow(db, as(approver), {
          instanceId: instance.id,
          decision: { type: "approve", stepKey: "approve" },
        }),
      ),
    );
    expect(attempts.map((a) => a.status)).toEqual(["fulfilled", "fulfilled"]);
    const current = await getWorkflow(db, adminContext(), { id: instance.id });
    expect(current.steps[1]?.approvals).toHaveLength(2);
    expect(current.state).toBe("completed");
  });

  it("a compliance refusal is a 422 with its reason, changes nothing, and is in the audit log", async () => {
    const { initiator, instance } = await startedRequest();
    const context = as(initiator);
    const error = await refusalOf(
      decideWorkflow(db, context, {
        instanceId: instance.id,
        decision: { type: "approve", stepKey: "approve" },
      }),
    );
    expect(error).toMatchObject({ code: "UNPROCESSABLE", details: { reason: "approver_is_initiator" } });
    const after = await getWorkflow(db, context, { id: instance.id });
    expect(after).toMatchObject({ state: "in_progress", lockVersion: instance.lockVersion });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entityId: instance.id, action: "WorkflowDecisionRefused" },
    });
    expect(audit).toMatchObject({
      actorId: initiator.id,
      correlationId: context.correlationId,
      details: { reason: "approver_is_initiator", decision: { type: "approve", stepKey: "approve" } },
    });
  });

  it("request changes goes back to the initiator; the resubmitted round starts over and the earlier round is kept", async () => {
    const { initiator, approvers, instance } = await startedRequest();
    const returned = await decideWorkflow(db, as(approvers[0]!), {
      instanceId: instance.id,
      decision: { type: "request_changes", stepKey: "approve", reason: "attach the receipt" },
    });
    expect(returned).toMatchObject({ state: "changes_requested", endedReason: "attach the receipt" });
    const resubmitted = await decideWorkflow(db, as(initiator), {
      instanceId: instance.id,
      decision: { type: "resubmit" },
    });
    expect(resubmitted).toMatchObject({ state: "pending", round: 2 });
    expect(resubmitted.steps.map((s) => s.state)).toEqual(["active", "blocked"]);

    const rows = await db.workflowStep.findMany({
      where: { instanceId: instance.id },
      orderBy: [{ round: "asc" }, { position: "asc" }],
    });
    expect(rows.map((r) => [r.round, r.key, r.state])).toEqual([
      [1, "prepare", "done"],
      [1, "approve", "returned"],
      [2, "prepare", "active"],
      [2, "approve", "blocked"],
    ]);
    // The one who asked for changes acted on round 1's approval: round 2's earlier task does not bar them.
    await decideWorkflow(db, as(initiator), {
      instanceId: instance.id,
      decision: { type: "complete", stepKey: "prepare" },
    });
    const approved = await decideWorkflow(db, as(approvers[0]!), {
      instanceId: instance.id,
      decision: { type: "approve", stepKey: "approve" },
    });
    expect(approved.state).toBe("completed");
    const history = await db.workflowDecision.findMany({
      where: { instanceId: instance.id },
      orderBy: { decidedAt: "asc" },
    });
    expect(history.map((d) => [d.round, d.action])).toEqual([
      [1, "submit"],
      [1, "complete"],
      [1, "request_changes"],
      [1, "resubmit"],
      [2, "complete"],
      [2, "approve"],
    ]);
    const events = await db.domainEvent.findMany({
      where: { aggregateId: instance.id },
      select: { type: true },
    });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["WorkflowChangesRequested", "WorkflowResubmitted"]),
    );
  });

  it("refuses to start when a step has no one to act, naming the step", async () => {
    const key = uniqueKey("wf_unstaffed");
    // Named by an address no user has: resolving it finds no one.
    await publish(approvalTemplate(key, [{ email: "nobody@fixtures.test" } as SessionUser]));
    const initiator = await createUser(["support_agent"]);
    const error = await refusalOf(
      startWorkflow(db, as(initiator), { templateKey: key, bound: { type: "none" } }),
    );
    expect(error).toMatchObject({
      code: "UNPROCESSABLE",
      details: { reason: "unstaffed_steps", steps: ["approve"] },
    });
  });
});
