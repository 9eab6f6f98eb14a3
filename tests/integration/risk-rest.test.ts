import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "../../app/api/operations/risks/route.ts";
import { POST as signalsRoute } from "../../app/api/operations/risks/signals/route.ts";
import { POST as actionsRoute } from "../../app/api/operations/risks/[id]/actions/route.ts";
import { PATCH as actionRoute } from "../../app/api/operations/risks/[id]/actions/[actionId]/route.ts";
import { getDb } from "../../server/db/client.ts";
import { issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { openApiDocument } from "../../server/integration/openapi/index.ts";
import { levelRank, type RiskLevel } from "../../server/risk/types.ts";
import { createApiClient } from "../support/fixtures.ts";
import { newSubjectId, refundSignal } from "../support/risk.ts";

const db = getDb();
const UNKNOWN_ID = "0190f5b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d";

async function tokenWith(scopes: string[]) {
  const client = await createApiClient(scopes);
  return (await issueClientCredentialsToken(db, { ...client, scope: null })).access_token;
}

type Handler<P> = (req: Request, route: { params: Promise<P> }) => Promise<Response>;

async function call<P>(
  handler: Handler<P>,
  init: { method: string; url: string; token?: string; body?: unknown; params: P },
) {
  const headers = new Headers({ "content-type": "application/json" });
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  const body =
    init.body === undefined
      ? undefined
      : typeof init.body === "string"
        ? init.body
        : JSON.stringify(init.body);
  const response = await handler(
    new Request(`http://localhost${init.url}`, { method: init.method, headers, body }),
    {
      params: Promise.resolve(init.params),
    },
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { message: string } },
  };
}

const postSignals = (token: string | undefined, body: unknown) =>
  call(signalsRoute, { method: "POST", url: "/api/operations/risks/signals", token, body, params: {} });
const list = (token: string, query: string) =>
  call(listRoute, { method: "GET", url: `/api/operations/risks?${query}`, token, params: {} });
const startAction = (token: string, id: string, body: unknown) =>
  call(actionsRoute, {
    method: "POST",
    url: `/api/operations/risks/${id}/actions`,
    token,
    body,
    params: { id },
  });
const patchAction = (token: string, id: string, actionId: string, body: unknown) =>
  call(actionRoute, {
    method: "PATCH",
    url: `/api/operations/risks/${id}/actions/${actionId}`,
    token,
    body,
    params: { id, actionId },
  });

const signalJson = (subjectId = newSubjectId()) => ({
  ...refundSignal(subjectId),
  observedAt: new Date().toISOString(),
});

let writer: string;
let reader: string;

beforeAll(async () => {
  writer = await tokenWith(["risks:read", "risks:write"]);
  reader = await tokenWith(["risks:read"]);
});

describe("POST /api/operations/risks/signals", () => {
  it("needs a token with risks:write", async () => {
    expect((await postSignals(undefined, signalJson())).status).toBe(401);
    expect((await postSignals(reader, signalJson())).status).toBe(403);
  });

  it("takes one signal, an array or { signals } and answers per signal, idempotently", async () => {
    const one = signalJson();
    const first = await postSignals(writer, one);
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([
      {
        sourceEventId: one.sourceEventId,
        caseId: expect.any(String),
        score: 40,
        level: "medium",
        created: true,
        duplicate: false,
      },
    ]);
    const again = await postSignals(writer, [one, signalJson(one.subjectId)]);
    expect(again.body.results).toMatchObject([
      { duplicate: true, created: false, score: 80 },
      { duplicate: false, created: false, score: 80 },
    ]);
    expect((await postSignals(writer, { signals: [signalJson()] })).status).toBe(200);
  });

  it("refuses bad input with 400 naming the field, and writes nothing", async () => {
    const good = signalJson();
    const cases: [unknown, RegExp][] = [
      [[good, { ...signalJson(), subjectId: "" }], /signals\.1\.subjectId/],
      [{ ...signalJson(), observedAt: "yesterday" }, /signals\.0\.observedAt/],
      [{ ...signalJson(), type: "arson" }, /signals\.0\.type/],
      [{ ...signalJson(), extra: 1 }, /extra/],
      [{ signals: [] }, /signals/],
      [{ signals: Array.from({ length: 501 }, () => signalJson()) }, /signals: .*500/],
      ["{not json", /JSON/],
    ];
    for (const [body, message] of cases) {
      const response = await postSignals(writer, body);
      expect(response.status).toBe(400);
      expect(response.body.error?.message).toMatch(message);
    }
    expect(await db.riskSignal.count({ where: { sourceEventId: good.sourceEventId } })).toBe(0);
  });
});

describe("GET /api/operations/risks", () => {
  it("needs risks:read", async () => {
    const writeOnly = await tokenWith(["risks:write"]);
    expect((await list(writeOnly, "")).status).toBe(403);
  });

  it("lists by level, then score, with a keyset cursor and filters", async () => {
    await postSignals(writer, [
      signalJson(),
      signalJson(),
      { ...signalJson(), attributes: { refundCount24h: 1 } },
    ]);
    const seen: { id: string; level: RiskLevel; score: number; type: string }[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 4; page++) {
      const response = await list(
        reader,
        `type=refund_abuse&status=open,mitigating&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(response.status).toBe(200);
      const body = response.body as unknown as { items: typeof seen; nextCursor: string | null };
      seen.push(...body.items);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
    expect(seen.every((c) => c.type === "refund_abuse")).toBe(true);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]];
      if (!a || !b) continue;
      expect(levelRank(a.level) > levelRank(b.level) || (a.level === b.level && a.score >= b.score)).toBe(
        true,
      );
    }
    const [item] = (await list(reader, "limit=1")).body.items as Record<string, unknown>[];
    expect(Object.keys(item ?? {})).toEqual(
      expect.arrayContaining([
        "id",
        "subject",
        "type",
        "status",
        "score",
        "level",
        "ruleSetVersion",
        "contributions",
        "recommendedActions",
        "signalCount",
        "openedAt",
        "owner",
      ]),
    );
    // Dates travel as ISO 8601 strings over REST (tRPC carries Date objects).
    expect(item?.openedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("answers bad parameters with 400 naming them", async () => {
    for (const [query, field] of [
      ["limit=201", "limit"],
      ["level=severe", "level"],
      ["cursor=abc", "cursor"],
      ["status=", "status"],
    ]) {
      const response = await list(reader, query ?? "");
      expect(response.status).toBe(400);
      expect(response.body.error?.message).toMatch(new RegExp(field ?? ""));
    }
  });
});

describe("mitigation actions over REST", () => {
  async function newCase() {
    const response = await postSignals(writer, signalJson());
    return (response.body.results as { caseId: string }[])[0]?.caseId ?? "";
  }

  it("starts an action (201, MitigationStarted), completes it once, then answers 409", async () => {
    const caseId = await newCase();
    const started = await startAction(writer, caseId, {
      kind: "freeze_refunds",
      note: "Pattern matches ring #12",
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      kind: "freeze_refunds",
      status: "in_progress",
      caseId,
      startedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.+Z$/),
    });
    const actionId = String(started.body.id);
    const completed = await patchAction(writer, caseId, actionId, { status: "completed", result: "Frozen" });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: "completed", result: "Frozen" });
    expect((await patchAction(writer, caseId, actionId, { status: "completed" })).status).toBe(409);
    expect((await patchAction(writer, caseId, actionId, { status: "cancelled" })).status).toBe(409);
    const events = await db.domainEvent.findMany({ where: { aggregateId: caseId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["RiskDetected", "MitigationStarted", "MitigationCompleted"]);
    expect(events[1]).toMatchObject({ actorType: "api_client" });
    expect(await db.riskCase.findUnique({ where: { id: caseId }, select: { status: true } })).toEqual({
      status: "mitigating",
    });
  });

  it("answers 404 for unknown cases and actions, 400 naming bad fields, 403 without risks:write", async () => {
    const caseId = await newCase();
    expect((await startAction(writer, UNKNOWN_ID, { kind: "freeze_refunds" })).status).toBe(404);
    expect((await startAction(writer, "not-a-uuid", { kind: "freeze_refunds" })).status).toBe(404);
    expect((await patchAction(writer, caseId, UNKNOWN_ID, { status: "completed" })).status).toBe(404);
    for (const [body, field] of [
      [{ kind: "shrug" }, "kind"],
      [{ kind: "freeze_refunds", ownerId: UNKNOWN_ID }, "ownerId"],
      [{ kind: "freeze_refunds", dueAt: "soon" }, "dueAt"],
      [{}, "kind"],
    ] as const) {
      const response = await startAction(writer, caseId, body);
      expect(response.status).toBe(400);
      expect(response.body.error?.message).toMatch(field);
    }
    const started = await startAction(writer, caseId, { kind: "freeze_refunds" });
    const bad = await patchAction(writer, caseId, String(started.body.id), { status: "done" });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/status/);
    expect((await startAction(reader, caseId, { kind: "freeze_refunds" })).status).toBe(403);
    expect(await db.mitigationAction.count({ where: { caseId } })).toBe(1);
  });
});

describe("OpenAPI", () => {
  it("documents every risk operation with its scope", () => {
    const paths = openApiDocument().paths as Record<
      string,
      Record<string, { security: { oauth2: string[] }[] }>
    >;
    expect(paths["/api/operations/risks/signals"]?.post?.security).toEqual([{ oauth2: ["risks:write"] }]);
    expect(paths["/api/operations/risks"]?.get?.security).toEqual([{ oauth2: ["risks:read"] }]);
    expect(paths["/api/operations/risks/{id}/actions"]?.post?.security).toEqual([
      { oauth2: ["risks:write"] },
    ]);
    expect(paths["/api/operations/risks/{id}/actions/{actionId}"]?.patch?.security).toEqual([
      { oauth2: ["risks:write"] },
    ]);
  });
});
