import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "../../app/api/operations/events/route.ts";
import { getDb } from "../../server/db/client.ts";
import { closeEdgeRuntime, edgeRuntime } from "../../server/hub/edge/edge-runtime.ts";
import { createEventListener } from "../../server/hub/edge/listener.ts";
import { MAX_BODY_BYTES } from "../../server/hub/edge/receive.ts";
import { MAX_DATA_DEPTH } from "../../server/hub/edge/nesting.ts";
import { issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { createApiClient } from "../support/fixtures.ts";

// The inbound edge on real PostgreSQL, through Next's route handler and through the lean node:http listener
// (with a stub in Next's place): idempotent receipts, grouped writes under concurrency, per-event batches,
// schema failures kept dead, bad input refused with nothing stored, and the same answers from both doors.

const db = getDb();
const SIGNING_KEY = `whsec_${Buffer.from("hub-edge-test-signing-key-0123").toString("base64")}`;
const BASE = `t${randomUUID().slice(0, 8)}`;
let writer: string;
let reader: string;
let listener: Server;
let listenerUrl: string;

const newId = () => `${BASE}-${randomUUID()}`;

function cancellation(id: string, data: Record<string, unknown> = {}) {
  return {
    specversion: "1.0",
    id,
    source: "consumer_experience",
    type: "OrderCancellationRequested",
    time: new Date().toISOString(),
    data: {
      orderId: `ord_${id}`,
      consumerId: "cus_1",
      restaurantId: "res_1",
      cityCode: "TYO",
      reason: "late_delivery",
      requestedAt: new Date().toISOString(),
      ...data,
    },
  };
}

function deliveryFailed(id: string) {
  return {
    specversion: "1.0",
    id,
    source: "courier_mobility",
    type: "DeliveryFailed",
    data: {
      orderId: `ord_${id}`,
      courierId: "cou_1",
      cityCode: "OSA",
      reason: "address_not_found",
      failedAt: new Date().toISOString(),
    },
  };
}

interface Send {
  body: unknown;
  token?: string | null;
  contentType?: string;
  headers?: Record<string, string>;
}

function requestInit({ body, token = writer, contentType = "application/cloudevents+json", headers }: Send) {
  const all: Record<string, string> = { "content-type": contentType, ...headers };
  if (token) all.authorization = `Bearer ${token}`;
  return { method: "POST", headers: all, body: typeof body === "string" ? body : JSON.stringify(body) };
}

type Answer = {
  status: number;
  body: Record<string, unknown> & {
    error?: {
      code: string;
      message?: string;
      issues?: { path: string }[];
      details?: { receiptId?: string };
    };
  };
};

async function viaNext(send: Send): Promise<Answer> {
  const response = await POST(new Request("http://localhost/api/operations/events", requestInit(send)));
  return { status: response.status, body: await response.json() };
}

async function viaListener(send: Send): Promise<Answer> {
  const response = await fetch(`${listenerUrl}/api/operations/events`, requestInit(send));
  return { status: response.status, body: await response.json() };
}

const rowsOf = (eventIds: string[]) =>
  db.inboundEvent.findMany({ where: { eventId: { in: eventIds } }, orderBy: { seq: "asc" } });
const rowsUnder = (prefix: string) => db.inboundEvent.count({ where: { eventId: { startsWith: prefix } } });

beforeAll(async () => {
  const sources = [
    { key: "consumer_experience", status: "active" },
    { key: "restaurant_operations", status: "paused" },
    { key: "courier_mobility", status: "active" },
  ];
  for (const { key, status } of sources) {
    await db.eventSource.upsert({ where: { key }, create: { key, name: key, status }, update: { status } });
  }
  await db.eventSourceSecret.create({ data: { sourceKey: "courier_mobility", secret: SIGNING_KEY } });
  const tokenOf = async (scopes: string[]) =>
    (await issueClientCredentialsToken(db, { ...(await createApiClient(scopes)), scope: null })).access_token;
  writer = await tokenOf(["events:write"]);
  reader = await tokenOf(["tickets:read"]);
  listener = createEventListener(
    (_req, res) => res.writeHead(418, { "content-type": "text/plain" }).end("next"),
    () => edgeRuntime().deps,
  );
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => listener.close(resolve));
  await closeEdgeRuntime();
  // The worker's later files process these sources' events: none may stay paused.
  await db.eventSource.updateMany({ data: { status: "active" } });
});

describe("POST /api/operations/events", () => {
  it("answers 202 with a receipt, then 200 with the same receipt on a re-send", async () => {
    const event = cancellation(newId());
    const first = await viaNext({ body: event });
    expect(first).toMatchObject({ status: 202, body: { receiptId: expect.any(String) } });
    const again = await viaListener({ body: event });
    expect(again).toEqual({ status: 200, body: { receiptId: first.body.receiptId } });
    const [row, ...others] = await rowsOf([event.id]);
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({
      receiptId: first.body.receiptId,
      source: "consumer_experience",
      type: "OrderCancellationRequested",
      status: "pending",
      orderingKey: `order:ord_${event.id}`,
      receivedVia: expect.stringMatching(/^bearer:client-/),
      data: event.data,
    });
  });

  it("stores one row for many concurrent re-sends of one id, all answered with its receipt", async () => {
    const event = cancellation(newId());
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? viaNext({ body: event }) : viaListener({ body: event }))),
    );
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(19);
    expect(new Set(answers.map((a) => a.body.receiptId)).size).toBe(1);
    expect(await rowsOf([event.id])).toHaveLength(1);
  });

  it("takes a batch per event: stored, duplicate, refused and dead entries in order", async () => {
    const [good, resent, dead, unknown] = [newId(), newId(), newId(), newId()];
    await viaNext({ body: cancellation(resent) });
    const batch = [
      cancellation(good),
      cancellation(resent),
      cancellation(dead, { cityCode: "tokyo" }),
      { ...cancellation(unknown), type: "OrderEaten" },
      cancellation(good),
      { ...cancellation("x"), id: undefined },
      { ...cancellation(newId()), subject: "order/\u0000" },
    ];
    const answer = await viaListener({ body: batch, contentType: "application/cloudevents-batch+json" });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ accepted: 1, duplicates: 2, rejected: 4 });
    const receipts = answer.body.receipts as Record<string, unknown>[];
    expect(receipts.map((r) => [r.index, r.id, r.status])).toEqual([
      [0, good, 202],
      [1, resent, 200],
      [2, dead, 422],
      [3, unknown, 400],
      [4, good, 200],
      [5, null, 400],
      [6, batch[6]!.id, 400],
    ]);
    expect(receipts[4]!.receiptId).toBe(receipts[0]!.receiptId);
    expect(receipts[2]).toMatchObject({
      error: { code: "UNPROCESSABLE", issues: [{ path: "data.cityCode" }] },
    });
    expect(receipts[3]).toMatchObject({ error: { code: "BAD_REQUEST", issues: [{ path: "type" }] } });
    expect(receipts[5]).toMatchObject({ error: { issues: [{ path: "id" }] } });
    expect(receipts[6]).toMatchObject({ error: { issues: [{ path: "subject" }] } });
    const rows = await rowsOf([good, resent, dead, unknown]);
    expect(rows.map((r) => [r.eventId, r.status])).toEqual([
      [resent, "pending"],
      [good, "pending"],
      [dead, "dead"],
    ]);
  });

  it("stores a payload failing its schema dead and answers 422 naming the field", async () => {
    const event = cancellation(newId(), { reason: "bored" });
    const answer = await viaNext({ body: event });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({
      code: "UNPROCESSABLE",
      issues: [{ path: "data.reason" }],
      details: { receiptId: expect.any(String) },
    });
    const [row] = await rowsOf([event.id]);
    expect(row).toMatchObject({
      status: "dead",
      failureClass: "schema",
      lastError: expect.stringContaining("data.reason"),
    });
  });

  it("answers a re-send about the first copy: 422 again, 409 for a corrected copy it cannot take, 200 once accepted", async () => {
    const refused = cancellation(newId(), { reason: "bored" });
    const first = await viaListener({ body: refused });
    expect(first.status).toBe(422);
    const receiptId = first.body.error?.details?.receiptId;
    expect((await viaNext({ body: refused })).body.error?.details).toMatchObject({ receiptId });

    // The corrected event under the same id: the inbox keeps the first copy, and says so.
    const corrected = { ...refused, data: { ...refused.data, reason: "late_delivery" } };
    for (const door of [viaNext, viaListener]) {
      const answer = await door({ body: corrected });
      expect(answer.status, door.name).toBe(409);
      expect(answer.body.error).toMatchObject({ code: "CONFLICT", details: { receiptId } });
      expect(answer.body.error?.message).toContain("new id");
    }
    const batch = await viaListener({ body: [corrected], contentType: "application/cloudevents-batch+json" });
    expect(batch.body.receipts).toMatchObject([{ status: 409, receiptId }]);
    expect((await rowsOf([refused.id])).map((row) => [row.status, row.failureClass])).toEqual([
      ["dead", "schema"],
    ]);

    // An accepted event re-sent with data failing the schema: answered about the first copy, nothing stored.
    const accepted = cancellation(newId());
    const stored = await viaNext({ body: accepted });
    const broken = await viaListener({ body: { ...accepted, data: { ...accepted.data, reason: "bored" } } });
    expect(broken).toMatchObject({ status: 200, body: { receiptId: stored.body.receiptId } });
    expect((await rowsOf([accepted.id])).map((row) => row.status)).toEqual(["pending"]);
  });

  it("refuses a bearer client's event of a source it may not send as (403 naming source), and takes its own", async () => {
    const client = await createApiClient(["events:write"]);
    await db.apiClient.update({
      where: { clientId: client.clientId },
      data: { eventSources: ["courier_mobility"] },
    });
    const { access_token: token } = await issueClientCredentialsToken(db, { ...client, scope: null });
    const foreign = await viaListener({ body: cancellation(newId()), token });
    expect(foreign).toMatchObject({ status: 403, body: { error: { issues: [{ path: "source" }] } } });
    const own = deliveryFailed(newId());
    expect((await viaNext({ body: own, token })).status).toBe(202);
    expect(await rowsOf([own.id])).toHaveLength(1);
  });

  it("holds an event of a paused source", async () => {
    const id = newId();
    const event = {
      specversion: "1.0",
      id,
      source: "restaurant_operations",
      type: "KitchenOverloaded",
      data: {
        restaurantId: "res_9",
        cityCode: "TYO",
        backlogOrders: 9,
        reportedAt: new Date().toISOString(),
      },
    };
    expect((await viaNext({ body: event })).status).toBe(202);
    expect(await rowsOf([id])).toMatchObject([{ status: "held" }]);
  });

  it("takes an event signed with the source's secret, and refuses a bad, stale or misdirected one", async () => {
    const signedSend = (event: unknown, at = new Date(), key = SIGNING_KEY): Send => {
      const body = JSON.stringify(event);
      const id = `msg_${randomUUID()}`;
      const headers = {
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": new Webhook(key).sign(id, at, body),
      };
      return { body, token: null, headers };
    };
    const good = deliveryFailed(newId());
    const accepted = await viaListener(signedSend(good));
    expect(accepted.status).toBe(202);
    expect(await rowsOf([good.id])).toMatchObject([{ receivedVia: expect.stringMatching(/^signature:/) }]);

    const prefix = newId();
    const refusals = async () =>
      (
        await getDb().eventSourceRefusal.aggregate({
          where: { source: "courier_mobility", failureClass: "signature" },
          _sum: { count: true },
        })
      )._sum.count ?? 0;
    const refusedBefore = await refusals();
    const stale = await viaListener(
      signedSend(deliveryFailed(`${prefix}-a`), new Date(Date.now() - 6 * 60_000)),
    );
    expect(stale).toMatchObject({
      status: 401,
      body: { error: { issues: [{ path: "webhook-timestamp" }] } },
    });
    const otherKey = `whsec_${Buffer.from("not-the-source-key-0123456789").toString("base64")}`;
    const forged = await viaNext(signedSend(deliveryFailed(`${prefix}-b`), undefined, otherKey));
    expect(forged).toMatchObject({
      status: 401,
      body: { error: { issues: [{ path: "webhook-signature" }] } },
    });
    const misdirected = await viaNext(signedSend(cancellation(`${prefix}-c`)));
    expect(misdirected).toMatchObject({ status: 403, body: { error: { issues: [{ path: "source" }] } } });
    const tampered = signedSend(deliveryFailed(`${prefix}-d`));
    tampered.body = (tampered.body as string).replace("address_not_found", "other");
    expect((await viaListener(tampered)).status).toBe(401);
    expect(await rowsUnder(prefix)).toBe(0);
    // The three bad signatures count against the source their bodies name, for the Event hub screen.
    await expect.poll(async () => (await refusals()) - refusedBefore, { timeout: 5_000 }).toBe(3);
  });

  it("refuses every bad input with a 4xx naming the problem, storing nothing", async () => {
    const prefix = newId();
    const ok = (suffix: string) => cancellation(`${prefix}-${suffix}`);
    const cases: [string, Send, number, string][] = [
      ["malformed JSON", { body: `{"specversion":"1.0","id":"${prefix}-1",` }, 400, "body"],
      ["a missing attribute", { body: { ...ok("2"), source: undefined } }, 400, "source"],
      ["an unknown type", { body: { ...ok("3"), type: "Nope" } }, 400, "type"],
      ["an unknown source", { body: { ...ok("4"), source: "payments" } }, 400, "source"],
      ["a wrong content type", { body: ok("5"), contentType: "text/plain" }, 415, "content-type"],
      [
        "a NUL character in data",
        { body: { ...ok("5a"), data: { ...ok("5a").data, comment: "late \u0000" } } },
        400,
        "data.comment",
      ],
      [
        "half of a surrogate pair in data",
        { body: { ...ok("5b"), data: { ...ok("5b").data, comment: "sushi \ud83c" } } },
        400,
        "data.comment",
      ],
      ["a NUL character in the id", { body: { ...ok("5c"), id: `${prefix}-5c\u0000` } }, 400, "id"],
      [
        "data nested thousands of levels deep (a few kilobytes)",
        {
          body: `{"specversion":"1.0","id":"${prefix}-5d","source":"consumer_experience","type":"OrderCancellationRequested","data":{"deep":${"[".repeat(5_000)}${"]".repeat(5_000)}}}`,
        },
        400,
        `data.deep${".0".repeat(MAX_DATA_DEPTH - 1)}`,
      ],
      ["a batch sent as one event", { body: [ok("6")] }, 400, "body"],
      ["an empty batch", { body: [], contentType: "application/cloudevents-batch+json" }, 400, "body"],
      [
        "an oversize body",
        { body: { ...ok("7"), data: { ...ok("7").data, comment: "x".repeat(MAX_BODY_BYTES) } } },
        413,
        "body",
      ],
      ["no credentials", { body: ok("8"), token: null }, 401, "authorization"],
      ["an unknown token", { body: ok("9"), token: "not-a-token" }, 401, ""],
      ["a token without events:write", { body: ok("10"), token: reader }, 403, ""],
    ];
    for (const [name, send, status, path] of cases) {
      for (const door of [viaNext, viaListener]) {
        const answer = await door(send);
        expect(answer.status, `${name} via ${door.name}`).toBe(status);
        expect(answer.body.error?.code, name).toBeTruthy();
        if (path)
          expect(
            answer.body.error?.issues?.map((i) => i.path),
            name,
          ).toContain(path);
      }
    }
    expect(await rowsUnder(prefix)).toBe(0);
  });
});

describe("the lean listener", () => {
  it("gives the same answers as Next's route", async () => {
    const bad = { body: { ...cancellation(newId()), type: "Nope" } };
    const [next, lean] = [await viaNext(bad), await viaListener(bad)];
    expect(lean).toEqual(next);
    const [a, b] = [
      await viaNext({ body: cancellation(newId()) }),
      await viaListener({ body: cancellation(newId()) }),
    ];
    expect([a.status, Object.keys(a.body)]).toEqual([b.status, Object.keys(b.body)]);
  });

  it("hands every other request to Next", async () => {
    const get = await fetch(`${listenerUrl}/api/operations/events?after=x`);
    const other = await fetch(`${listenerUrl}/api/operations/tickets`, { method: "POST", body: "{}" });
    expect([get.status, await get.text(), other.status]).toEqual([418, "next", 418]);
  });
});
