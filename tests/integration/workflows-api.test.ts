import { randomBytes, randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getRoute } from "../../app/api/operations/workflows/[id]/route.ts";
import { POST as decideRoute } from "../../app/api/operations/workflows/[id]/decisions/route.ts";
import { GET as listRoute, POST as startRoute } from "../../app/api/operations/workflows/route.ts";
import { createCaller } from "../../server/api/root.ts";
import type { SessionUser } from "../../server/auth/repository.ts";
import { getDb } from "../../server/db/client.ts";
import { isAppError } from "../../server/lib/errors.ts";
import { logger } from "../../server/lib/logger.ts";
import { systemContext } from "../../server/lib/service-context.ts";
import { publishTemplate } from "../../server/workflows/template-service.ts";
import { createUser } from "../support/fixtures.ts";
import { call, tokenWith } from "../support/workflow-rest.ts";

// My tasks, an instance, a bound object's workflows and the template versions over tRPC; the REST contract for
// integrations: list, start, one instance, decisions; 400 naming the field, 404, 409 with the current state, 422
// with the compliance reason.

const db = getDb();
const caller = (user: SessionUser) => createCaller({ db, user, correlationId: "wf-api", log: logger });

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  const details = isAppError(error.cause) ? (error.cause.details as Record<string, unknown>) : {};
  return { code: error.code, message: error.message, details };
}

const key = `wf_api_${randomBytes(4).toString("hex")}`;
let initiator: SessionUser;
let approvers: SessionUser[];
let agent: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  initiator = await createUser(["risk_manager"]);
  approvers = [await createUser(["risk_manager"]), await createUser(["admin"])];
  agent = await createUser(["support_agent"]);
  admin = await createUser(["admin"]);
  const definition = {
    key,
    name: "API test",
    nameJa: "APIテスト",
    version: "1",
    bindings: ["risk_case"],
    steps: [
      {
        key: "prepare",
        kind: "task",
        title: "Prepare",
        titleJa: "準備",
        candidates: { assignee: "initiator" },
      },
      {
        key: "approve",
        kind: "approval",
        title: "Approve",
        titleJa: "承認",
        approvers: { users: [initiator.email, ...approvers.map((a) => a.email)] },
        mode: { type: "any" },
        dueMinutes: 60,
      },
    ],
  };
  await publishTemplate(db, systemContext("wf-api-test"), { definition });
  await publishTemplate(db, systemContext("wf-api-test"), {
    definition: { ...definition, version: "2", steps: [...definition.steps].reverse() },
  });
});

async function startedCase() {
  const caseId = randomUUID();
  const started = await caller(initiator).workflows.start({
    templateKey: key,
    version: 1,
    bound: { type: "risk_case", id: caseId },
  });
  return { caseId, started };
}

describe("tRPC", () => {
  it("My tasks: the initiator's own task first, then the approvers' pool once it is done", async () => {
    const { started } = await startedCase();
    const mine = await caller(initiator).workflows.myTasks();
    expect(mine.items.find((i) => i.instanceId === started.id)).toMatchObject({
      stepKey: "prepare",
      relation: "assigned",
      iAmInitiator: true,
      templateNameJa: "APIテスト",
    });
    expect(
      (await caller(approvers[0]!).workflows.myTasks()).items.some((i) => i.instanceId === started.id),
    ).toBe(false);

    await caller(initiator).workflows.decide({
      instanceId: started.id,
      decision: { type: "complete", stepKey: "prepare" },
    });
    const pool = await caller(approvers[0]!).workflows.myTasks();
    const item = pool.items.find((i) => i.instanceId === started.id);
    expect(item).toMatchObject({ stepKey: "approve", stepKind: "approval", relation: "candidate" });
    expect(item?.dueAt).not.toBeNull();
    expect(pool.people[initiator.id]).toBe(initiator.name);
  });

  it("the initiator is refused approving their own request (422 with the reason, audited)", async () => {
    const { started } = await startedCase();
    await caller(initiator).workflows.decide({
      instanceId: started.id,
      decision: { type: "complete", stepKey: "prepare" },
    });
    const refused = await refusal(
      caller(initiator).workflows.decide({
        instanceId: started.id,
        decision: { type: "approve", stepKey: "approve" },
      }),
    );
    expect(refused).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      details: { reason: "approver_is_initiator" },
    });
    const audit = await db.auditLog.findMany({
      where: { action: "WorkflowDecisionRefused", entityId: started.id },
    });
    expect(audit).toHaveLength(1);
  });

  it("two approvers on the same version: one wins, the other gets 409 with the current state", async () => {
    const { started } = await startedCase();
    const prepared = await caller(initiator).workflows.decide({
      instanceId: started.id,
      decision: { type: "complete", stepKey: "prepare" },
    });
    const decide = (user: SessionUser) =>
      caller(user).workflows.decide({
        instanceId: started.id,
        expectedVersion: prepared.lockVersion,
        decision: { type: "approve", stepKey: "approve" },
      });
    const results = await Promise.allSettled(approvers.map(decide));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected");
    const error = (lost as PromiseRejectedResult).reason as TRPCError;
    expect(error.code).toBe("CONFLICT");
    const current = (isAppError(error.cause) ? error.cause.details : {}) as { current: { state: string } };
    expect(current.current.state).toBe("completed");
  });

  it("an instance page: pinned version, who must act, decisions by round; a bound object's panel", async () => {
    const { caseId, started } = await startedCase();
    const detail = await caller(approvers[0]!).workflows.get({ id: started.id });
    expect(detail.version).toMatchObject({ number: 1, label: "1" });
    expect(detail.waiting).toEqual([
      {
        stepKey: "prepare",
        waitingFor: { type: "people", userIds: [initiator.id], approved: null, needed: null },
      },
    ]);
    expect(detail.history.map((h) => [h.round, h.action])).toEqual([[1, "submit"]]);
    expect(detail.people[initiator.id]).toBe(initiator.name);

    const panel = await caller(initiator).workflows.forBound({ type: "risk_case", id: caseId });
    expect(panel.workflows.map((w) => [w.workflow.id, w.mine])).toEqual([[started.id, true]]);
    expect(panel.startable.some((t) => t.key === key)).toBe(false);
    const other = await caller(initiator).workflows.forBound({ type: "risk_case", id: randomUUID() });
    expect(other.startable.find((t) => t.key === key)?.versionNumber).toBe(2);

    expect((await refusal(caller(agent).workflows.forBound({ type: "risk_case", id: caseId }))).code).toBe(
      "FORBIDDEN",
    );
    // An agent neither involved nor able to read risk cases learns nothing of the instance.
    expect((await refusal(caller(agent).workflows.get({ id: started.id }))).code).toBe("NOT_FOUND");
  });

  it("templates side by side: a diff of steps and the instances running each version (admins only)", async () => {
    const { started } = await startedCase();
    const overview = await caller(admin).workflows.templates();
    const template = overview.find((t) => t.key === key);
    expect(template?.versions.map((v) => v.number)).toEqual([1, 2]);
    expect(template?.versions[1]?.diff.map((d) => [d.key, d.change])).toEqual([
      ["approve", "moved"],
      ["prepare", "moved"],
    ]);
    expect(template?.versions[0]?.instances.map((i) => i.id)).toContain(started.id);
    expect(template?.versions[1]?.openInstances).toBe(0);
    expect((await refusal(caller(initiator).workflows.templates())).code).toBe("FORBIDDEN");
  });

  it("answers bad input with BAD_REQUEST naming the field", async () => {
    const error = await refusal(
      caller(initiator).workflows.decide({
        instanceId: "nope",
        decision: { type: "approve", stepKey: "approve" },
      } as never),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/instanceId/);
  });
});

describe("REST", () => {
  let readToken: string;
  let writeToken: string;
  beforeAll(async () => {
    readToken = await tokenWith(["workflows:read"]);
    writeToken = await tokenWith(["workflows:read", "workflows:write"]);
  });

  it("starts a workflow for a named initiator (201) and lists it by bound object and status", async () => {
    const caseId = randomUUID();
    const started = await call(startRoute, {
      method: "POST",
      url: "/api/operations/workflows",
      token: writeToken,
      body: { templateKey: key, bound: { type: "risk_case", id: caseId }, initiatorId: initiator.id },
      params: {},
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ templateKey: key, versionNumber: 2, initiatorId: initiator.id });

    const listed = await call(listRoute, {
      method: "GET",
      url: `/api/operations/workflows?boundType=risk_case&boundId=${caseId}&status=pending,in_progress`,
      token: readToken,
      params: {},
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([started.body.id]);
    const none = await call(listRoute, {
      method: "GET",
      url: `/api/operations/workflows?boundType=risk_case&boundId=${caseId}&status=completed`,
      token: readToken,
      params: {},
    });
    expect(none.body.items).toEqual([]);

    const one = await call(getRoute, {
      method: "GET",
      url: `/api/operations/workflows/${started.body.id}`,
      token: readToken,
      params: { id: started.body.id },
    });
    expect(one.status).toBe(200);
    expect(one.body.workflow.id).toBe(started.body.id);
  });

  it("decisions: 400 naming the field, 404 for a non-id, 422 for a step it does not own, 409 on a stale version", async () => {
    const { started } = await startedCase();
    const decide = (id: string, body: unknown, token = writeToken) =>
      call(decideRoute, {
        method: "POST",
        url: `/api/operations/workflows/${id}/decisions`,
        token,
        body,
        params: { id },
      });
    const bad = await decide(started.id, { decision: { type: "approve" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/stepKey/);
    expect((await decide("not-a-uuid", { decision: { type: "complete", stepKey: "prepare" } })).status).toBe(
      404,
    );

    const notOwned = await decide(started.id, { decision: { type: "complete", stepKey: "prepare" } });
    expect(notOwned.status).toBe(422);
    expect(notOwned.body.error.details.reason).toBe("not_a_candidate");

    const stale = await decide(started.id, {
      expectedVersion: started.lockVersion + 5,
      decision: { type: "complete", stepKey: "prepare" },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.id).toBe(started.id);

    expect((await decide(started.id, { decision: { type: "recall" } }, readToken)).status).toBe(403);
  });
});
