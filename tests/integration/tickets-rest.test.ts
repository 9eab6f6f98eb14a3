import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "../../app/api/operations/tickets/route.ts";
import { PATCH as patchRoute } from "../../app/api/operations/tickets/[id]/route.ts";
import { getDb } from "../../server/db/client.ts";
import { issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { openApiDocument } from "../../server/integration/openapi/index.ts";
import { createApiClient } from "../support/fixtures.ts";
import { freshAgents, osaka, ticketInput } from "../support/tickets.ts";

const db = getDb();
const UNKNOWN_ID = "0190f5b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d";

type Body = Record<string, unknown> & {
  error?: {
    code: string;
    message: string;
    issues?: { path: string; message: string }[];
    details?: { current?: { version: number } };
  };
};
type Handler<P> = (req: Request, route: { params: Promise<P> }) => Promise<Response>;

async function tokenWith(scopes: string[]) {
  const client = await createApiClient(scopes);
  return (await issueClientCredentialsToken(db, { ...client, scope: null })).access_token;
}

async function call<P>(
  handler: Handler<P>,
  method: string,
  url: string,
  token: string,
  params: P,
  body?: unknown,
) {
  const headers = new Headers({ "content-type": "application/json", authorization: `Bearer ${token}` });
  const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  const response = await handler(new Request(`http://localhost${url}`, { method, headers, body: payload }), {
    params: Promise.resolve(params),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

const create = (token: string, body: unknown) =>
  call(createRoute, "POST", "/api/operations/tickets", token, {}, body);
const list = (token: string, query: string) =>
  call(listRoute, "GET", `/api/operations/tickets?${query}`, token, {});
const patch = (token: string, id: string, body: unknown) =>
  call(patchRoute, "PATCH", `/api/operations/tickets/${id}`, token, { id }, body);

describe("tickets REST", () => {
  let token: string;
  let readOnly: string;

  beforeAll(async () => {
    await freshAgents("consumer", 3, 40);
    token = await tokenWith(["tickets:read", "tickets:write"]);
    readOnly = await tokenWith(["tickets:read"]);
  });

  it("creates and routes a ticket (201), and answers a repeated externalId with the same ticket (200)", async () => {
    const body = ticketInput({ externalId: `ZD-${randomUUID()}`, priority: "P2" });
    const first = await create(token, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: "new",
      priority: "P2",
      version: 1,
      team: { key: "consumer" },
    });
    expect(first.body.assignee).not.toBeNull();
    const again = await create(token, body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it("creates one ticket for concurrent requests with the same externalId", async () => {
    const body = ticketInput({ externalId: `ZD-${randomUUID()}` });
    const results = await Promise.all(Array.from({ length: 6 }, () => create(token, body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await db.ticket.count({ where: { externalId: body.externalId } })).toBe(1);
  });

  it("refuses writes without tickets:write (403) and malformed bodies naming the field (400)", async () => {
    expect((await create(readOnly, ticketInput())).status).toBe(403);
    const bad = await create(token, { ...ticketInput(), priority: "P9" });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/priority/);
    expect((await create(token, "{not json")).status).toBe(400);
  });

  it("takes a city by its code and reads it back as the code: create, list filter and update", async () => {
    await osaka();
    const created = await create(token, { ...ticketInput(), city: "OSA" });
    expect(created.status).toBe(201);
    expect(created.body.city).toBe("OSA");
    const row = await db.ticket.findUniqueOrThrow({
      where: { id: String(created.body.id) },
      select: { city: true },
    });
    expect(row.city?.code).toBe("OSA");

    const listed = await list(token, "city=OSA&limit=200");
    expect(listed.status).toBe(200);
    const items = listed.body.items as { id: string; city: unknown }[];
    expect(items.map((item) => item.id)).toContain(created.body.id);
    expect(items.every((item) => item.city === "OSA")).toBe(true);

    const updated = await patch(token, String(created.body.id), { version: 1, status: "open" });
    expect(updated.body).toMatchObject({ status: "open", city: "OSA" });
    const stale = await patch(token, String(created.body.id), { version: 1, priority: "P1" });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.details?.current).toMatchObject({ version: 2, city: "OSA" });
  });

  it("answers an unknown or malformed city code with 400 naming city", async () => {
    for (const city of ["QQX", "osaka"]) {
      const created = await create(token, { ...ticketInput(), city });
      expect(created.status).toBe(400);
      expect(created.body.error?.issues?.map((issue) => issue.path)).toEqual(["city"]);
      const listed = await list(token, `city=${city}`);
      expect(listed.status).toBe(400);
      expect(listed.body.error?.issues?.map((issue) => issue.path)).toEqual(["city"]);
    }
    expect(await db.ticket.count({ where: { city: { code: "QQX" } } })).toBe(0);
  });

  it("updates at the current version, 409 with the current ticket when stale, 422 on a refused transition, 404 when unknown", async () => {
    const { body: ticket } = await create(token, ticketInput());
    const id = String(ticket.id);
    const ok = await patch(token, id, {
      version: 1,
      status: "open",
      comment: { body: "確認します", visibility: "public" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "open", version: 2 });
    expect(ok.body.firstRespondedAt).not.toBeNull();

    const stale = await patch(token, id, { version: 1, priority: "P1" });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.details?.current).toMatchObject({ id, version: 2, priority: "P3" });

    const refused = await patch(token, id, { version: 2, status: "closed" });
    expect(refused.status).toBe(422);
    expect(refused.body.error?.message).toMatch(/resolve it first/);

    expect((await patch(token, UNKNOWN_ID, { version: 1, status: "open" })).status).toBe(404);
    expect((await patch(token, "not-a-uuid", { version: 1, status: "open" })).status).toBe(404);
    const noVersion = await patch(token, id, { status: "pending" });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error?.message).toMatch(/version/);
    expect((await patch(token, id, { version: 2 })).status).toBe(400);
    expect((await patch(readOnly, id, { version: 2, status: "pending" })).status).toBe(403);

    const row = await db.ticket.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ version: 2, status: "open", priority: "P3" });
  });

  it("lists with filters, keyset pages and a summary", async () => {
    const marker = `marker${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 5; i++)
      await create(token, ticketInput({ subject: `${marker} delivery ${i}`, language: "en" }));
    const first = await list(token, `q=${marker}&limit=2&status=new,open`);
    expect(first.status).toBe(200);
    const items = first.body.items as { id: string; sla: Record<string, unknown> }[];
    expect(items).toHaveLength(2);
    expect(items[0]?.sla).toMatchObject({
      paused: false,
      firstResponseBreached: false,
      percentElapsed: expect.any(Number),
    });
    expect(first.body.summary).toMatchObject({ total: 5, byStatus: { new: 5 }, slaComplianceRate: 1 });
    const seen = new Set(items.map((i) => i.id));
    let cursor = first.body.nextCursor;
    while (typeof cursor === "string") {
      const page = await list(
        token,
        `q=${marker}&limit=2&status=new,open&cursor=${encodeURIComponent(cursor)}`,
      );
      expect(page.body.summary).toBeNull();
      for (const item of page.body.items as { id: string }[]) seen.add(item.id);
      cursor = page.body.nextCursor;
    }
    expect(seen.size).toBe(5);
    expect((await list(token, "limit=500")).status).toBe(400);
    expect((await list(token, "status=nope")).status).toBe(400);
    expect((await list(token, "cursor=garbage")).status).toBe(400);
  });

  it("is documented in the OpenAPI contract", () => {
    const paths = openApiDocument().paths as Record<string, Record<string, { security: unknown }>>;
    expect(paths["/api/operations/tickets"]?.get?.security).toEqual([{ oauth2: ["tickets:read"] }]);
    expect(paths["/api/operations/tickets"]?.post?.security).toEqual([{ oauth2: ["tickets:write"] }]);
    expect(paths["/api/operations/tickets/{id}"]?.patch?.security).toEqual([{ oauth2: ["tickets:write"] }]);
  });
});
