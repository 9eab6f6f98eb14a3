import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as decideRoute } from "../../app/api/operations/workflows/[id]/decisions/route.ts";
import { GET as getRoute } from "../../app/api/operations/workflows/[id]/route.ts";
import type { SessionUser } from "../../server/auth/repository.ts";
import { getDb } from "../../server/db/client.ts";
import { systemContext, userContext } from "../../server/lib/service-context.ts";
import { decideWorkflow, startWorkflow } from "../../server/workflows/service.ts";
import { publishTemplate } from "../../server/workflows/template-service.ts";
import { createUser } from "../support/fixtures.ts";
import { call, integrationWith } from "../support/workflow-rest.ts";

// Steps an integration owns: the template names API clients among a step's candidates; the client, with its
// OAuth2 client-credentials token, completes its task (and another answers its approval) over REST. Another client with
// the same scopes is refused (422, not a candidate), and people see the integration by name as who must act.

const db = getDb();
const key = `wf_integration_${randomBytes(4).toString("hex")}`;
let payments: { clientId: string; token: string };
let settlement: { clientId: string; token: string };
let other: { clientId: string; token: string };
let initiator: SessionUser;

beforeAll(async () => {
  const scopes = ["workflows:read", "workflows:write"];
  payments = await integrationWith(scopes);
  settlement = await integrationWith(scopes);
  other = await integrationWith(scopes);
  initiator = await createUser(["risk_manager"]);
  await publishTemplate(db, systemContext("wf-integration-test"), {
    definition: {
      key,
      name: "Refund through the payment provider",
      nameJa: "決済事業者経由の返金",
      version: "1",
      bindings: ["ticket"],
      steps: [
        {
          key: "issue_refund",
          kind: "task",
          title: "Issue the refund",
          titleJa: "返金を実行",
          candidates: { clients: [payments.clientId] },
        },
        {
          key: "confirm_settlement",
          kind: "approval",
          title: "Confirm settlement",
          titleJa: "精算を確認",
          approvers: { clients: [settlement.clientId] },
          mode: { type: "any" },
        },
      ],
    },
  });
});

const decide = (id: string, token: string, decision: unknown, expectedVersion?: number) =>
  call(decideRoute, {
    method: "POST",
    url: `/api/operations/workflows/${id}/decisions`,
    token,
    body: { decision, ...(expectedVersion === undefined ? {} : { expectedVersion }) },
    params: { id },
  });

describe("a step an integration owns", () => {
  it("is completed by the API client owning it, approved by the one owning the approval, refused to another", async () => {
    const started = await startWorkflow(db, userContext(initiator, "wf-integration"), {
      templateKey: key,
      bound: { type: "ticket", id: randomUUID() },
    });
    const clientRow = await db.apiClient.findUniqueOrThrow({ where: { clientId: payments.clientId } });
    expect(started.steps[0]).toMatchObject({
      key: "issue_refund",
      state: "active",
      ownerIds: [clientRow.id],
    });

    // People cannot take the integration's step; nor can another integration.
    await expect(
      decideWorkflow(db, userContext(initiator, "wf-integration"), {
        instanceId: started.id,
        decision: { type: "complete", stepKey: "issue_refund" },
      }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE", details: { reason: "not_a_candidate" } });
    const refused = await decide(started.id, other.token, { type: "complete", stepKey: "issue_refund" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.reason).toBe("not_a_candidate");

    const page = await call(getRoute, {
      method: "GET",
      url: `/api/operations/workflows/${started.id}`,
      token: payments.token,
      params: { id: started.id },
    });
    expect(page.status).toBe(200);
    expect(page.body.people[clientRow.id]).toBe(clientRow.name);
    expect(page.body.waiting[0].waitingFor.userIds).toEqual([clientRow.id]);

    const done = await decide(
      started.id,
      payments.token,
      { type: "complete", stepKey: "issue_refund" },
      started.lockVersion,
    );
    expect(done.status).toBe(200);
    expect(done.body.steps.map((s: { state: string }) => s.state)).toEqual(["done", "active"]);

    const approved = await decide(started.id, settlement.token, {
      type: "approve",
      stepKey: "confirm_settlement",
    });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe("completed");
    const decisions = await db.workflowDecision.findMany({
      where: { instanceId: started.id, actorType: "api_client" },
      orderBy: { decidedAt: "asc" },
    });
    const settlementRow = await db.apiClient.findUniqueOrThrow({ where: { clientId: settlement.clientId } });
    expect(decisions.map((d) => [d.action, d.actorId])).toEqual([
      ["complete", clientRow.id],
      ["approve", settlementRow.id],
    ]);
    const events = await db.domainEvent.findMany({
      where: { aggregateId: started.id, type: { in: ["TaskStepCompleted", "WorkflowCompleted"] } },
    });
    expect(events.map((e) => e.type).sort()).toEqual([
      "TaskStepCompleted",
      "TaskStepCompleted",
      "WorkflowCompleted",
    ]);
  });

  it("a disabled client owns nothing: the template cannot start without anyone to act", async () => {
    await db.apiClient.update({ where: { clientId: other.clientId }, data: { disabledAt: new Date() } });
    const lone = `${key}_lone`;
    await publishTemplate(db, systemContext("wf-integration-test"), {
      definition: {
        key: lone,
        name: "Lone",
        nameJa: "単独",
        version: "1",
        steps: [
          {
            key: "sync",
            kind: "task",
            title: "Sync",
            titleJa: "同期",
            candidates: { clients: [other.clientId] },
          },
        ],
      },
    });
    await expect(
      startWorkflow(db, userContext(initiator, "wf-integration"), {
        templateKey: lone,
        bound: { type: "none" },
      }),
    ).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      details: { reason: "unstaffed_steps", steps: ["sync"] },
    });
  });
});
