import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as pagerdutyWebhook } from "../../app/api/integrations/pagerduty/route.ts";
import { getDb } from "../../server/db/client.ts";
import { recordEvent } from "../../server/events/record.ts";
import { systemContext, userContext } from "../../server/lib/service-context.ts";
import { saveNotificationChannel } from "../../server/notifications/channel-service.ts";
import {
  deliveryLog,
  outboxOverview,
  redriveNotifications,
} from "../../server/notifications/outbox-service.ts";
import { pagerdutySignature } from "../../server/notifications/pagerduty-webhook.ts";
import { enqueueNotifications } from "../../server/notifications/service.ts";
import { createTransport } from "../../server/notifications/transport.ts";
import { drain as drainConsumer } from "../support/backbone.ts";
import { createUser } from "../support/fixtures.ts";
import { startHttpPeer, startSmtpPeer, type HttpPeer, type SmtpPeer } from "../support/notification-peers.ts";
import { testOutboxWorker } from "../support/outbox-worker.ts";

// The outbox against real PostgreSQL and real local peers (an HTTP receiver speaking Slack, PagerDuty Events v2
// and Standard Webhooks; an SMTP server): receipts, Retry-After, retries to a dead letter and a redrive,
// idempotency under concurrent enqueues, PagerDuty's alert keys, signed acknowledgements coming back.

const db = getDb();
const system = systemContext("notifications-test");
let peer: HttpPeer;
let smtp: SmtpPeer;
let admin: Awaited<ReturnType<typeof createUser>>;
const transport = createTransport();
const worker = (maxAttempts = 6) => testOutboxWorker(transport, maxAttempts);
const adminContext = () => userContext(admin, randomUUID());
const unique = () => randomUUID().slice(0, 8);

async function channel(
  kind: "slack" | "pagerduty" | "email" | "webhook",
  config: Record<string, unknown>,
  secret: unknown,
  rate = 6_000,
) {
  return saveNotificationChannel(db, adminContext(), {
    kind,
    name: `${kind}-${unique()}`,
    config,
    secret,
    ratePerMinute: rate,
  });
}

async function disableAllChannels() {
  await db.notificationChannel.updateMany({ data: { enabled: false } });
}

const page = (
  objectId: string,
  channels: ("slack" | "pagerduty" | "email" | "webhook" | "in_app")[],
  userId: string | null,
  extra: object = {},
) => ({
  objectType: "ticket",
  objectId,
  step: "esc:level-0:attempt-0",
  severity: "critical" as const,
  title: `P1 ticket ${objectId} breaches first response in 10 min`,
  path: `/tickets/${objectId}`,
  recipients: [{ userId, channels }],
  ...extra,
});

const rowsOf = (objectId: string) =>
  db.notificationDelivery.findMany({ where: { objectId }, orderBy: { createdAt: "asc" } });
const makeDue = (objectId: string) =>
  db.notificationDelivery.updateMany({
    where: { objectId, status: "retrying" },
    data: { availableAt: new Date(Date.now() - 1) },
  });

beforeAll(async () => {
  peer = await startHttpPeer();
  smtp = await startSmtpPeer();
  admin = await createUser(["admin"]);
});

afterAll(async () => {
  transport.close();
  await peer.close();
  await smtp.close();
});

describe("delivery with receipts", () => {
  it("posts to Slack's incoming webhook and keeps the answer; chat.postMessage's ts is the receipt", async () => {
    await disableAllChannels();
    await channel("slack", {}, `${peer.url}/slack/webhook-a`);
    await channel(
      "slack",
      { mode: "bot", channel: "#pages", apiBaseUrl: `${peer.url}/slack/api` },
      "xoxb-test",
    );
    const id = `t-${unique()}`;
    const user = await createUser(["support_agent"]);
    expect((await enqueueNotifications(db, system, page(id, ["slack", "in_app"], user.id))).queued).toBe(3);
    await worker().drain();

    const rows = await rowsOf(id);
    expect(rows.map((row) => row.status)).toEqual(["delivered", "delivered", "delivered"]);
    const bot = rows.find((row) => row.receipt?.endsWith(".000100"));
    expect(bot?.response).toMatchObject({ status: 200 });
    const webhook = peer.received.find((r) => r.path === "/slack/webhook-a" && r.body.includes(id));
    expect(JSON.parse(webhook!.body).blocks[1].elements[0].url).toBe(`https://ops.example.com/tickets/${id}`);
    const bell = await db.notification.findMany({ where: { userId: user.id, objectId: id } });
    expect(bell).toHaveLength(1);
    const events = await db.domainEvent.findMany({
      where: { aggregateId: id, type: "NotificationDelivered" },
    });
    expect(events).toHaveLength(3);
  });

  it("e-mails over SMTP in the recipient's language, HTML and text", async () => {
    await disableAllChannels();
    await channel("email", { host: "127.0.0.1", port: smtp.port, from: "Ops <pages@ops.example.com>" }, null);
    const user = await createUser(["support_agent"]);
    await db.user.update({ where: { id: user.id }, data: { locale: "ja" } });
    const id = `t-${unique()}`;
    await enqueueNotifications(db, system, page(id, ["email"], user.id));
    await worker().drain();
    const [row] = await rowsOf(id);
    expect(row?.status).toBe("delivered");
    const mail = smtp.messages.find((m) => m.text?.includes(id));
    expect(mail?.subject).toBe(`[緊急] P1 ticket ${id} breaches first response in 10 min`);
    expect(mail?.html).toContain(`https://ops.example.com/tickets/${id}`);
    expect(mail?.messageId).toBe(row?.receipt);
    expect(mail?.to && "text" in mail.to ? mail.to.text : "").toContain(user.email);
  });
});

describe("failures", () => {
  it("honours Slack's 429 Retry-After before trying again", async () => {
    await disableAllChannels();
    const path = `/slack/webhook-${unique()}`;
    await channel("slack", {}, `${peer.url}${path}`);
    peer.script(path, [{ status: 429, headers: { "retry-after": "1" }, body: "rate_limited" }]);
    const id = `t-${unique()}`;
    await enqueueNotifications(db, system, page(id, ["slack"], null));
    await worker().drain();
    const [waiting] = await rowsOf(id);
    expect(waiting?.status).toBe("retrying");
    expect(waiting!.availableAt.getTime() - waiting!.updatedAt.getTime()).toBeGreaterThanOrEqual(950);
    await worker().drain();
    expect((await rowsOf(id))[0]?.status).toBe("retrying");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await worker().drain();
    const [done] = await rowsOf(id);
    expect(done?.status).toBe("delivered");
    const times = peer.received.filter((r) => r.path === path).map((r) => r.at);
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1_000);
  });

  it("retries a failing provider, then dead-letters it; a redrive delivers it", async () => {
    await disableAllChannels();
    const path = `/slack/webhook-${unique()}`;
    await channel("slack", {}, `${peer.url}${path}`);
    peer.failAlways(path, { status: 500, body: "oops" });
    const id = `t-${unique()}`;
    await enqueueNotifications(db, system, page(id, ["slack"], null));
    for (let attempt = 0; attempt < 3; attempt++) {
      await makeDue(id);
      await worker(3).drain();
    }
    const [dead] = await rowsOf(id);
    expect(dead).toMatchObject({
      status: "dead",
      attempts: 3,
      lastError: expect.stringContaining("HTTP 500"),
    });
    const failures = await db.domainEvent.findMany({
      where: { aggregateId: id, type: "NotificationFailed" },
      orderBy: { seq: "asc" },
    });
    expect(failures.map((e) => (e.payload as { dead: boolean }).dead)).toEqual([false, false, true]);
    const listed = await outboxOverview(db, adminContext(), { status: "dead", limit: 50 });
    expect(listed.deliveries.map((d) => d.id)).toContain(dead!.id);

    peer.failAlways(path, null);
    expect(await redriveNotifications(db, adminContext(), { ids: [dead!.id] })).toEqual({
      redriven: 1,
      notDead: 0,
    });
    await worker(3).drain();
    expect((await rowsOf(id))[0]).toMatchObject({ status: "delivered", attempts: 1 });
    const audit = await db.auditLog.findMany({
      where: { action: "NotificationsRedriven", actorId: admin.id },
    });
    expect(audit.length).toBeGreaterThan(0);
  });

  it("holds back what a channel's rate limit does not allow, without spending attempts", async () => {
    await disableAllChannels();
    await channel("slack", {}, `${peer.url}/slack/webhook-${unique()}`, 2);
    const id = `t-${unique()}`;
    const users = await Promise.all([1, 2, 3, 4].map(() => createUser(["support_agent"])));
    await enqueueNotifications(db, system, {
      ...page(id, ["slack"], null),
      recipients: users.map((u) => ({ userId: u.id, channels: ["slack" as const] })),
    });
    await worker().drain();
    const rows = await rowsOf(id);
    expect(rows.filter((r) => r.status === "delivered")).toHaveLength(2);
    expect(rows.filter((r) => r.status === "queued").map((r) => r.attempts)).toEqual([0, 0]);
  });
});

describe("idempotency", () => {
  it("pages once when the same step is enqueued concurrently", async () => {
    await disableAllChannels();
    await channel("pagerduty", { eventsUrl: `${peer.url}/pagerduty/v2/enqueue` }, { routingKey: "R1" });
    const id = `t-${unique()}`;
    const user = await createUser(["support_agent"]);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => enqueueNotifications(db, system, page(id, ["pagerduty"], user.id))),
    );
    expect(results.reduce((sum, r) => sum + r.queued, 0)).toBe(1);
    await Promise.all([worker().drain(), worker().drain()]);
    expect(
      peer.received.filter((r) => r.path === "/pagerduty/v2/enqueue" && r.body.includes(id)),
    ).toHaveLength(1);
  });

  it("turns a redelivered EscalationStepDue into the same rows", async () => {
    await disableAllChannels();
    const user = await createUser(["support_agent"]);
    const id = `t-${unique()}`;
    const payload = {
      escalationId: randomUUID(),
      objectType: "ticket",
      objectId: id,
      title: "P1 breach",
      severity: "high",
      path: `/tickets/${id}`,
      level: 0,
      attempt: 0,
      idempotencyKey: `esc:${id}:0:0`,
      recipients: [{ userId: user.id, channels: ["in_app"], bypassQuietHours: false }],
    };
    for (let i = 0; i < 2; i++) {
      await db.$transaction((tx) =>
        recordEvent(tx, system, {
          type: "EscalationStepDue",
          aggregateType: "ticket",
          aggregateId: id,
          payload,
        }),
      );
      await drainConsumer("notifications.escalation-pages");
    }
    expect(await rowsOf(id)).toHaveLength(1);
  });
});

describe("PagerDuty", () => {
  it("opens a new alert key for a trigger after a resolve", async () => {
    await disableAllChannels();
    await channel("pagerduty", { eventsUrl: `${peer.url}/pagerduty/v2/enqueue` }, { routingKey: "R2" });
    const id = `a-${unique()}`;
    const alertPage = (step: string, action: "trigger" | "resolve") => ({
      ...page(id, ["pagerduty"], null),
      objectType: "alert",
      step,
      action,
    });
    await enqueueNotifications(db, system, alertPage("fired-1", "trigger"));
    await worker().drain();
    await enqueueNotifications(db, system, alertPage("resolved-1", "resolve"));
    await worker().drain();
    await enqueueNotifications(db, system, alertPage("fired-2", "trigger"));
    await worker().drain();
    const alerts = peer.pagerdutyAlerts.filter((alert) => alert.dedupKey.includes(id));
    expect(alerts.map((a) => [a.dedupKey, a.status])).toEqual([
      [`ops-console:alert:${id}:1`, "resolved"],
      [`ops-console:alert:${id}:2`, "triggered"],
    ]);
    expect((await rowsOf(id)).map((r) => r.receipt)).toEqual([
      `ops-console:alert:${id}:1`,
      `ops-console:alert:${id}:1`,
      `ops-console:alert:${id}:2`,
    ]);
  });

  it("records a signed v3 acknowledgement on the object and refuses a bad signature", async () => {
    await disableAllChannels();
    await channel(
      "pagerduty",
      { eventsUrl: `${peer.url}/pagerduty/v2/enqueue` },
      { routingKey: "R3", webhookSecret: "pd-webhook-secret" },
    );
    const id = `t-${unique()}`;
    const user = await createUser(["support_agent"]);
    await enqueueNotifications(db, system, {
      ...page(id, ["pagerduty"], user.id),
      escalationId: randomUUID(),
    });
    await worker().drain();
    const body = JSON.stringify({
      event: {
        id: `EV${unique()}`,
        event_type: "incident.acknowledged",
        resource_type: "incident",
        occurred_at: new Date().toISOString(),
        agent: { id: "PUSER1", summary: "Aoi Tanaka", type: "user_reference" },
        data: { id: "Q1", type: "incident", incident_key: `ops-console:ticket:${id}:1` },
      },
    });
    const post = (signature: string) =>
      pagerdutyWebhook(
        new Request("http://localhost/api/integrations/pagerduty", {
          method: "POST",
          body,
          headers: { "content-type": "application/json", "x-pagerduty-signature": signature },
        }),
      );
    expect((await post(pagerdutySignature("wrong", body))).status).toBe(401);
    expect((await post(pagerdutySignature("pd-webhook-secret", body))).status).toBe(202);
    expect(await (await post(pagerdutySignature("pd-webhook-secret", body))).json()).toMatchObject({
      status: "duplicate",
    });
    const acks = await db.domainEvent.findMany({
      where: { aggregateId: id, type: "NotificationAcknowledged" },
    });
    expect(acks).toHaveLength(1);
    expect(acks[0]?.payload).toMatchObject({
      objectType: "ticket",
      objectId: id,
      via: "pagerduty",
      userId: null,
    });
    const log = await deliveryLog(db, { objectType: "ticket", objectId: id });
    expect(log.map((entry) => entry.kind)).toEqual(["delivery", "acknowledged"]);
    expect(log[0]).toMatchObject({ channelKind: "pagerduty", recipientName: user.name, status: "delivered" });
  });
});

describe("outbound webhooks", () => {
  it("signs with Standard Webhooks, verified by the subscriber", async () => {
    await disableAllChannels();
    const secret = `whsec_${Buffer.from(randomUUID()).toString("base64")}`;
    const path = `/hooks/${unique()}`;
    peer.webhookSecrets.set(path, secret);
    await channel("webhook", { url: `${peer.url}${path}` }, secret);
    const id = `t-${unique()}`;
    await enqueueNotifications(db, system, page(id, ["webhook"], null));
    await worker().drain();
    const [row] = await rowsOf(id);
    expect(row).toMatchObject({ status: "delivered", receipt: `msg_${row!.id}` });
    expect(peer.received.find((r) => r.path === path)?.verified).toBe(true);
  });
});
