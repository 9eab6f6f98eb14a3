import { beforeAll, describe, expect, it } from "vitest";
import { GET as reportRoute } from "../../app/api/operations/reports/[name]/route.ts";
import { issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { reportItems } from "../../server/reports/items.ts";
import { systemContext } from "../../server/lib/service-context.ts";
import { decideWorkflow, startWorkflow } from "../../server/workflows/service.ts";
import { createApiClient } from "../support/fixtures.ts";
import { approvalTemplate, as, db, people, publish, uniqueKey } from "../support/workflow-engine.ts";

// The workflow steps report over the engine's own events: two requests of one template (one approved, one
// rejected, a third still waiting) give each step's cycles and each approval's answer, over REST (reports:read).

const key = uniqueKey("wf_report");
const from = new Date(Date.now() - 3_600_000).toISOString();
let to = "";
let token = "";
let waitingId = "";

async function request(answer: "approve" | "reject" | null) {
  const [initiator] = await people(1);
  const started = await startWorkflow(db, as(initiator!), { templateKey: key, bound: { type: "none" } });
  await decideWorkflow(db, as(initiator!), {
    instanceId: started.id,
    decision: { type: "complete", stepKey: "prepare" },
  });
  if (answer !== null) {
    await decideWorkflow(db, as(approver), {
      instanceId: started.id,
      decision:
        answer === "approve"
          ? { type: "approve", stepKey: "approve" }
          : { type: "reject", stepKey: "approve", reason: "over budget" },
    });
  }
  return started.id;
}

let approver: Awaited<ReturnType<typeof people>>[number];

beforeAll(async () => {
  [approver] = (await people(1)) as [typeof approver];
  await publish(approvalTemplate(key, [approver]));
  await request("approve");
  await request("reject");
  waitingId = await request(null);
  to = new Date(Date.now() + 60_000).toISOString();
  const client = await createApiClient(["reports:read"]);
  token = (await issueClientCredentialsToken(db, { ...client, scope: null })).access_token;
});

type Figure = { count: number; excluded: number; p50: number | null };
type Row = { key: string; figures: Record<string, Figure> };

describe("workflow steps report", () => {
  it("counts each step's cycles and each approval's answer, by step of the template", async () => {
    const response = await reportRoute(
      new Request(
        `http://localhost/api/operations/reports/workflow-steps?from=${from}&to=${to}&groupBy=step`,
        { headers: { authorization: `Bearer ${token}` } },
      ),
      { params: Promise.resolve({ name: "workflow-steps" }) },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { rows: Row[] };
    const row = (step: string) => body.rows.find((r) => r.key === `${key}/${step}`)?.figures;
    // Three prepare tasks done; of three approvals one approved (the only finished approval step), one
    // rejected (answered, not finished), one waiting.
    expect(row("prepare")?.stepCycleTime).toMatchObject({ count: 3, excluded: 0 });
    expect(row("approve")?.stepCycleTime).toMatchObject({ count: 1, excluded: 2 });
    expect(row("approve")?.approvalLeadTime).toMatchObject({ count: 2, excluded: 1 });
    expect(row("prepare")?.approvalLeadTime).toMatchObject({ count: 0, excluded: 0 });
  });

  it("drills into the approval still waiting for its answer", async () => {
    const page = await reportItems(db, systemContext("reports-test"), {
      name: "workflow-steps",
      from: new Date(from),
      to: new Date(to),
      groupBy: "step",
      key: `${key}/approve`,
      metric: "approvalLeadTime",
      filter: "excluded",
      limit: 100,
    });
    expect(page.items.map((item) => [item.id, item.status, item.href])).toEqual([
      [`${waitingId}:1:approve`, "open", `/workflows/${waitingId}`],
    ]);
  });

  it("refuses a dimension the report does not have, naming the field", async () => {
    const response = await reportRoute(
      new Request(`http://localhost/api/operations/reports/workflow-steps?groupBy=team`, {
        headers: { authorization: `Bearer ${token}` },
      }),
      { params: Promise.resolve({ name: "workflow-steps" }) },
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("groupBy");
  });
});
