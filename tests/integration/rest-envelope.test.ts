import { describe, expect, it, beforeAll } from "vitest";
import { POST as sweepRoute } from "../../app/api/cron/sla/route.ts";
import { POST as startActionRoute } from "../../app/api/operations/risks/[id]/actions/route.ts";
import { POST as createRoute } from "../../app/api/operations/tickets/route.ts";
import { PATCH as patchRoute } from "../../app/api/operations/tickets/[id]/route.ts";
import { getDb } from "../../server/db/client.ts";
import { issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { createApiClient } from "../support/fixtures.ts";
import { freshAgents, ticketInput } from "../support/tickets.ts";

// Every 4xx of a REST route answers `{ error: { code, message, issues?, details? } }`, input issues always
// under `error.issues` with dotted paths; nothing a caller sends makes a 500.

type Envelope = {
  error: {
    code: string;
    message: string;
    issues?: { path: string; message: string }[];
    details?: Record<string, unknown>;
  };
};
type Handler<P> = (req: Request, route: { params: Promise<P> }) => Promise<Response>;

async function call<P>(
  handler: Handler<P>,
  init: { method: string; token: string; params: P; body?: string; contentType?: string | null },
) {
  const headers = new Headers({ authorization: `Bearer ${init.token}` });
  if (init.contentType !== null) headers.set("content-type", init.contentType ?? "application/json");
  const response = await handler(
    new Request("http://localhost/api/operations/x", { method: init.method, headers, body: init.body }),
    { params: Promise.resolve(init.params) },
  );
  return { status: response.status, body: (await response.json()) as Envelope };
}

describe("the REST error envelope", () => {
  let token: string;

  beforeAll(async () => {
    await freshAgents("consumer", 2, 40);
    const client = await createApiClient(["tickets:read", "tickets:write", "risks:write"]);
    token = (await issueClientCredentialsToken(getDb(), { ...client, scope: null })).access_token;
  });

  it("puts a zod failure's issues in error.issues with dotted paths", async () => {
    const { status, body } = await call(createRoute, {
      method: "POST",
      token,
      params: {},
      body: JSON.stringify({ ...ticketInput(), priority: "P9", subject: 7 }),
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.issues?.map((issue) => issue.path).sort()).toEqual(["priority", "subject"]);
    expect(body.error.message).toMatch(/priority: .*subject: |subject: .*priority: /);
    expect(body.error.details).toBeUndefined();
  });

  it("turns an AppError's named field into error.issues", async () => {
    const { status, body } = await call(startActionRoute, {
      method: "POST",
      token,
      params: { id: "not-a-uuid" },
      body: JSON.stringify({ kind: "watchlist_subject" }),
    });
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: "NOT_FOUND", issues: [{ path: "id" }] });
    expect(body.error.details).toBeUndefined();
  });

  it("keeps an AppError's extra data in error.details (the current ticket of a stale-version 409)", async () => {
    const created = await call(createRoute, {
      method: "POST",
      token,
      params: {},
      body: JSON.stringify(ticketInput()),
    });
    const id = (created.body as unknown as { id: string }).id;
    const patch = (body: unknown) =>
      call(patchRoute, { method: "PATCH", token, params: { id }, body: JSON.stringify(body) });
    expect((await patch({ version: 1, priority: "P2" })).status).toBe(200);
    const stale = await patch({ version: 1, priority: "P1" });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "CONFLICT", details: { current: { id, version: 2 } } });
    expect(stale.body.error.issues).toBeUndefined();
  });

  it("answers malformed JSON and a wrong content type with 400 naming the problem", async () => {
    const malformed = await call(createRoute, { method: "POST", token, params: {}, body: '{"subject": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.issues).toEqual([
      { path: "body", message: expect.stringMatching(/not valid JSON/) },
    ]);

    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", null]) {
      const wrong = await call(createRoute, {
        method: "POST",
        token,
        params: {},
        contentType,
        body: JSON.stringify(ticketInput()),
      });
      expect(wrong.status, String(contentType)).toBe(400);
      expect(wrong.body.error.issues?.[0]).toMatchObject({ path: "content-type" });
      expect(wrong.body.error.message).toMatch(/application\/json/);
    }
    const vendorJson = await call(createRoute, {
      method: "POST",
      token,
      params: {},
      contentType: "application/vnd.api+json; charset=utf-8",
      body: JSON.stringify(ticketInput()),
    });
    expect(vendorJson.status).toBe(201);
  });

  it("answers a path segment that is not valid percent-encoded UTF-8 with 400, never 500", async () => {
    // `/api/operations/tickets/%ED%A0%80`: the escape of a lone surrogate, which no UTF-8 decoder accepts.
    for (const id of ["%ED%A0%80", "\uD800"]) {
      const { status, body } = await call(patchRoute, {
        method: "PATCH",
        token,
        params: { id },
        body: JSON.stringify({ version: 1, priority: "P2" }),
      });
      expect(status, JSON.stringify(id)).toBe(400);
      expect(body.error).toMatchObject({
        code: "BAD_REQUEST",
        issues: [{ path: "id", message: "is not valid percent-encoded UTF-8" }],
      });
    }
  });

  it("is the shape of the cron routes' refusal too", async () => {
    const response = await sweepRoute(new Request("http://localhost/api/cron/sla", { method: "POST" }));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
  });
});
