import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { withTransaction } from "../../server/db/transaction.ts";
import { recordEvent } from "../../server/events/record.ts";
import { systemContext, userContext } from "../../server/lib/service-context.ts";
import { saveNotificationChannel } from "../../server/notifications/channel-service.ts";
import { cancelPendingPages } from "../../server/notifications/outbox-repository.ts";
import { enqueueNotifications } from "../../server/notifications/service.ts";
import { createTransport } from "../../server/notifications/transport.ts";
import { drain } from "../support/backbone.ts";
import { createUser } from "../support/fixtures.ts";
import { startHttpPeer, type HttpPeer } from "../support/notification-peers.ts";
import { testOutboxWorker } from "../support/outbox-worker.ts";

// An escalation acknowledged or resolved stops its pages still in the outbox (queued or backing off), a cancel
// racing the worker's claim never lets a page out after it commits, and a PagerDuty acknowledge/resolve waits for
// its alert's trigger: all against the local PagerDuty peer.

const db = getDb();
const system = systemContext("notifications-cancel-test");
const PD_PATH = "/pagerduty/v2/enqueue";
let peer: HttpPeer;
let responder: string;
const transport = createTransport();
const worker = testOutboxWorker(transport);

beforeAll(async () => {
  peer = await startHttpPeer();
  const admin = await createUser(["admin"]);
  responder = (await createUser(["support_agent"])).id;
  await db.notificationChannel.updateMany({ data: { enabled: false } });
  await saveNotificationChannel(db, userContext(admin, randomUUID()), {
    kind: "pagerduty",
    name: `pagerduty-cancel-${randomUUID().slice(0, 8)}`,
    config: { eventsUrl: `${peer.url}${PD_PATH}` },
    secret: { routingKey: "R-CANCEL" },
    ratePerMinute: 60_000,
  });
});

afterAll(async () => {
  transport.close();
  await peer.close();
});

const sentFor = (objectId: string) =>
  peer.received
    .filter((r) => r.path === PD_PATH && r.body.includes(objectId))
    .map((r) => (JSON.parse(r.body) as { event_action: string }).event_action);

const rowsOf = (objectId: string) =>
  db.notificationDelivery.findMany({ where: { objectId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

function page(
  ticketId: string,
  escalationId: string | null,
  step: string,
  recipients: { userId: string | null; channels: ("pagerduty" | "in_app")[]; notBefore?: Date | null }[],
  action: "trigger" | "resolve" = "trigger",
) {
  return enqueueNotifications(db, system, {
    objectType: "ticket",
    objectId: ticketId,
    escalationId,
    step,
    action,
    severity: "critical",
    title: `P1 ticket ${ticketId}`,
    path: `/tickets/${ticketId}`,
    recipients: recipients.map((r) => ({ notBefore: null, ...r })),
  });
}

/** What the on-call side records when an escalation ends. */
const escalationAcknowledged = (escalationId: string, ticketId: string) =>
  withTransaction(db, (tx) =>
    recordEvent(tx, system, {
      type: "EscalationAcknowledged",
      aggregateType: "escalation",
      aggregateId: escalationId,
      payload: {
        objectType: "ticket",
        objectId: ticketId,
        stepsFired: 1,
        at: new Date().toISOString(),
        via: "console",
        userId: null,
      },
    }),
  );

/** Makes every waiting row of the object due now (backoffs and holds skipped) and drains, until nothing waits. */
async function deliverAll(objectId: string) {
  for (let round = 0; round < 20; round++) {
    await db.notificationDelivery.updateMany({
      where: { objectId, status: { in: ["queued", "retrying"] } },
      data: { availableAt: new Date() },
    });
    await worker.drain();
    const waiting = await db.notificationDelivery.count({
      where: { objectId, status: { in: ["queued", "retrying", "sending"] } },
    });
    if (waiting === 0) return;
  }
  throw new Error(`rows of ${objectId} still waiting`);
}

describe("an acknowledgement stops queued pages", () => {
  it("cancels the escalation's queued and retrying pages and the object's other pages, keeps the provider ack", async () => {
    const ticketId = `t-${randomUUID()}`;
    const escalationId = randomUUID();
    await page(ticketId, escalationId, `esc-${escalationId}:level-0`, [
      { userId: null, channels: ["pagerduty"] },
    ]);
    await worker.drain();
    // Level 1 waits for its timeout; a second PagerDuty page fails once and backs off; an unrelated rule's in-app
    // note about the same object is queued too.
    const later = new Date(Date.now() + 3_600_000);
    await page(ticketId, escalationId, `esc-${escalationId}:level-1`, [
      { userId: responder, channels: ["in_app", "pagerduty"], notBefore: later },
    ]);
    await page(ticketId, escalationId, `esc-${escalationId}:level-0:repeat-1`, [
      { userId: null, channels: ["pagerduty"] },
    ]);
    peer.script(PD_PATH, [{ status: 500, body: "{}" }]);
    await worker.drain();
    await page(ticketId, null, "rule-note", [{ userId: responder, channels: ["in_app"], notBefore: later }]);
    const other = `t-${randomUUID()}`;
    await page(other, randomUUID(), "other-level-1", [
      { userId: responder, channels: ["in_app"], notBefore: later },
    ]);
    expect((await rowsOf(ticketId)).map((r) => r.status).sort()).toEqual([
      "delivered",
      "queued",
      "queued",
      "queued",
      "retrying",
    ]);

    await escalationAcknowledged(escalationId, ticketId);
    await drain("notifications.provider-sync");
    await deliverAll(ticketId);

    const rows = await rowsOf(ticketId);
    expect(rows.map((r) => [r.step, r.channelKind, r.status, r.cancelReason])).toEqual(
      expect.arrayContaining([
        [`esc-${escalationId}:level-0`, "pagerduty", "delivered", null],
        [`esc-${escalationId}:level-1`, "in_app", "cancelled", "escalation acknowledged via console"],
        [`esc-${escalationId}:level-1`, "pagerduty", "cancelled", "escalation acknowledged via console"],
        [
          `esc-${escalationId}:level-0:repeat-1`,
          "pagerduty",
          "cancelled",
          "escalation acknowledged via console",
        ],
        ["rule-note", "in_app", "cancelled", "escalation acknowledged via console"],
      ]),
    );
    expect(rows.filter((r) => r.action === "acknowledge").map((r) => r.status)).toEqual(["delivered"]);
    expect(rows.every((r) => r.status !== "cancelled" || r.cancelledAt !== null)).toBe(true);
    // The failed repeat was tried once (500); after the acknowledgement only the acknowledge went out.
    expect(sentFor(ticketId)).toEqual(["trigger", "trigger", "acknowledge"]);
    expect(peer.pagerdutyAlerts.filter((a) => a.dedupKey.includes(ticketId)).map((a) => a.status)).toEqual([
      "acknowledged",
    ]);
    expect(await db.notification.count({ where: { objectId: ticketId } })).toBe(0);
    expect((await rowsOf(other)).map((r) => r.status)).toEqual(["queued"]);
  });

  it("a cancel racing the worker's claim: nothing goes out after the cancel commits", async () => {
    const outcomes = { cancelledFirst: 0, alreadySending: 0, alreadySent: 0 };
    for (let round = 0; round < 40; round++) {
      const ticketId = `t-race-${round}-${randomUUID()}`;
      const escalationId = randomUUID();
      await page(ticketId, escalationId, `esc-${escalationId}:level-0`, [
        { userId: null, channels: ["pagerduty"] },
      ]);
      let sentBeforeCommit = 0;
      const [, cancel] = await Promise.all([
        worker.processBatch(10),
        withTransaction(db, async (tx) => {
          const result = await cancelPendingPages(tx, {
            escalationId,
            objectType: "ticket",
            objectId: ticketId,
            reason: "escalation acknowledged via console",
          });
          sentBeforeCommit = sentFor(ticketId).length;
          return result;
        }),
      ]);
      const sentAtCommit = sentBeforeCommit;
      await worker.drain();
      const [row] = await rowsOf(ticketId);
      if (cancel.cancelled === 1) {
        outcomes.cancelledFirst++;
        expect(row?.status).toBe("cancelled");
        expect(sentFor(ticketId)).toEqual([]);
      } else {
        // The claim won the row: the cancel saw it sending (or already sent), and it went out exactly once.
        if (cancel.inFlight === 1) outcomes.alreadySending++;
        else outcomes.alreadySent++;
        expect(sentAtCommit).toBeLessThanOrEqual(1);
        expect(row?.status).toBe("delivered");
        expect(sentFor(ticketId)).toEqual(["trigger"]);
      }
    }
    expect(outcomes.cancelledFirst + outcomes.alreadySending + outcomes.alreadySent).toBe(40);
  });

  it("a page cancelled while sending is not retried, nor re-sent when its worker's lease lapses", async () => {
    const ticketId = `t-${randomUUID()}`;
    const escalationId = randomUUID();
    await page(ticketId, escalationId, `esc-${escalationId}:level-0`, [
      { userId: null, channels: ["pagerduty"] },
      { userId: responder, channels: ["in_app"] },
    ]);
    // Both rows claimed by a worker that then dies; the escalation is acknowledged meanwhile.
    await db.notificationDelivery.updateMany({
      where: { objectId: ticketId },
      data: { status: "sending", attempts: 1, availableAt: new Date(Date.now() + 60_000) },
    });
    const cancel = await withTransaction(db, (tx) =>
      cancelPendingPages(tx, {
        escalationId,
        objectType: "ticket",
        objectId: ticketId,
        reason: "escalation acknowledged via console",
      }),
    );
    expect(cancel).toEqual({ cancelled: 0, inFlight: 2 });
    await db.notificationDelivery.updateMany({
      where: { objectId: ticketId },
      data: { availableAt: new Date() },
    });
    await worker.drain();
    expect((await rowsOf(ticketId)).map((r) => [r.status, r.cancelReason])).toEqual([
      ["cancelled", "escalation acknowledged via console"],
      ["cancelled", "escalation acknowledged via console"],
    ]);
    expect(sentFor(ticketId)).toEqual([]);
  });
});

describe("PagerDuty messages keep their order", () => {
  it("holds a resolve while its alert's trigger is retrying, then sends it after the trigger", async () => {
    const ticketId = `t-${randomUUID()}`;
    await page(ticketId, null, "rule-trigger", [{ userId: null, channels: ["pagerduty"] }]);
    await page(ticketId, null, "rule-resolve", [{ userId: null, channels: ["pagerduty"] }], "resolve");
    peer.script(PD_PATH, [{ status: 500, body: "{}" }]);
    await worker.drain();
    const waiting = await rowsOf(ticketId);
    expect(waiting.map((r) => [r.action, r.status, r.attempts])).toEqual([
      ["trigger", "retrying", 1],
      ["resolve", "queued", 0],
    ]);
    expect(waiting[1]!.availableAt.getTime()).toBeGreaterThan(Date.now());

    await deliverAll(ticketId);
    expect(sentFor(ticketId)).toEqual(["trigger", "trigger", "resolve"]);
    expect((await rowsOf(ticketId)).map((r) => [r.action, r.status])).toEqual([
      ["trigger", "delivered"],
      ["resolve", "delivered"],
    ]);
    expect(peer.pagerdutyAlerts.filter((a) => a.dedupKey.includes(ticketId)).map((a) => a.status)).toEqual([
      "resolved",
    ]);
  });

  it("sends the resolve once its trigger is given up (dead)", async () => {
    const ticketId = `t-${randomUUID()}`;
    await page(ticketId, null, "rule-trigger", [{ userId: null, channels: ["pagerduty"] }]);
    await page(ticketId, null, "rule-resolve", [{ userId: null, channels: ["pagerduty"] }], "resolve");
    peer.script(PD_PATH, [{ status: 400, body: '{"status":"invalid event"}' }]);
    await worker.drain();
    await deliverAll(ticketId);
    expect((await rowsOf(ticketId)).map((r) => [r.action, r.status])).toEqual([
      ["trigger", "dead"],
      ["resolve", "delivered"],
    ]);
  });
});
