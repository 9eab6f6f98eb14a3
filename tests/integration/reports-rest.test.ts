import { beforeAll, describe, expect, it } from "vitest";
import { GET as reportRoute } from "../../app/api/operations/reports/[name]/route.ts";
import { getDb } from "../../server/db/client.ts";
import { issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { openApiDocument } from "../../server/integration/openapi/index.ts";
import { summarize } from "../../server/reports/statistics.ts";
import { changeTicket } from "../../server/tickets/service.ts";
import { drain } from "../support/backbone.ts";
import { createApiClient } from "../support/fixtures.ts";
import { contextFor, freshAgents, newTicket } from "../support/tickets.ts";

// GET /api/operations/reports/{name}: the reports:read scope, 400s naming the field, and the SQL figures equal to
// the catalogue's statistics computed over the same fact rows.

const db = getDb();

async function tokenWith(scopes: string[]) {
  const client = await createApiClient(scopes);
  return (await issueClientCredentialsToken(db, { ...client, scope: null })).access_token;
}

async function get(token: string, name: string, query = "") {
  const response = await reportRoute(
    new Request(`http://localhost/api/operations/reports/${name}?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({ name }) },
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & {
      error?: { message: string; issues?: { path: string; message: string }[] };
    },
  };
}

let token = "";
const from = new Date(Date.now() - 3_600_000).toISOString();

beforeAll(async () => {
  token = await tokenWith(["reports:read"]);
  await freshAgents("consumer", 2, 100);
  for (const priority of ["P1", "P2", "P3"] as const) {
    const ticket = await newTicket({ priority });
    await changeTicket(db, contextFor(null), {
      id: ticket.id,
      version: null,
      change: { status: "resolved" },
    });
  }
  await newTicket({ priority: "P4" });
  while ((await drain("reports.ticket-facts")) > 0);
});

describe("reports over REST", () => {
  it("answers SLA compliance by team with the same figures as the statistics over the fact rows", async () => {
    const to = new Date(Date.now() + 60_000).toISOString();
    const { status, body } = await get(token, "ticket-sla", `from=${from}&to=${to}&groupBy=team`);
    expect(status).toBe(200);
    const facts = await db.reportTicketFact.findMany({
      where: { createdAt: { gte: new Date(from), lt: new Date(to) } },
    });
    expect(facts.length).toBeGreaterThanOrEqual(4);
    const expected = summarize(
      facts.map((f) => ({
        value: f.resolutionMinutes,
        met: f.resolutionMinutes !== null ? !f.resolutionBreached : f.resolutionBreached ? false : null,
      })),
      true,
    );
    const total = body.total as { figures: Record<string, unknown> };
    expect(total.figures.resolution).toEqual(expected);
    expect(body.groupBy).toBe("team");
    const rows = body.rows as {
      label: string;
      figures: { resolution: { count: number; excluded: number } };
    }[];
    const cohort = rows.reduce((n, r) => n + r.figures.resolution.count + r.figures.resolution.excluded, 0);
    expect(cohort).toBe(facts.length);
    expect(rows.every((row) => row.label.length > 0)).toBe(true);
  });

  it("is a 400 naming the field for a bad name, date, range or dimension", async () => {
    const cases: [string, string, string][] = [
      ["nope", "", "name"],
      ["ticket-sla", "from=yesterday", "from"],
      ["ticket-sla", `from=${from}&to=${from}`, "from"],
      ["ticket-sla", "from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"],
      ["ticket-sla", "groupBy=rule", "groupBy"],
      ["risk-handling", "groupBy=team", "groupBy"],
    ];
    for (const [name, query, field] of cases) {
      const { status, body } = await get(token, name, query);
      expect(status, `${name}?${query}`).toBe(400);
      expect(body.error?.issues?.map((issue) => issue.path)).toContain(field);
    }
  });

  it("is a 403 without the reports:read scope", async () => {
    const other = await tokenWith(["tickets:read"]);
    expect((await get(other, "ticket-sla")).status).toBe(403);
  });

  it("is in the OpenAPI document under the reports:read scope", () => {
    const document = openApiDocument() as { paths: Record<string, { get?: { security?: unknown } }> };
    expect(document.paths["/api/operations/reports/{name}"]?.get?.security).toEqual([
      { oauth2: ["reports:read"] },
    ]);
  });
});
