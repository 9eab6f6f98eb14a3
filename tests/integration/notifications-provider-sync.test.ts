import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { withTransaction } from "../../server/db/transaction.ts";
import { recordEvent } from "../../server/events/record.ts";
import { systemContext, userContext } from "../../server/lib/service-context.ts";
import { saveNotificationChannel } from "../../server/notifications/channel-service.ts";
import { enqueueNotifications } from "../../server/notifications/service.ts";
import { createTransport } from "../../server/notifications/transport.ts";
import { drain } from "../support/backbone.ts";
import { createUser } from "../support/fixtures.ts";
import { startHttpPeer, type HttpPeer } from "../support/notification-peers.ts";
import { testOutboxWorker } from "../support/outbox-worker.ts";

// notifications.provider-sync against the local PagerDuty peer: an escalation acknowledged or resolved in the
// console acknowledges or resolves the object's open PagerDuty alert, once, under the alert's current key.

const db = getDb();
const system = systemContext("provider-sync-test");
let peer: HttpPeer;
const transport = createTransport();
const worker = () => testOutboxWorker(transport);

beforeAll(async () => {
  peer = await startHttpPeer();
  const admin = await createUser(["admin"]);
  await db.notificationChannel.updateMany({ data: { enabled: false } });
  await saveNotificationChannel(db, userContext(admin, randomUUID()), {
    kind: "pagerduty",
    name: `pagerduty-sync-${randomUUID().slice(0, 8)}`,
    config: { eventsUrl: `${peer.url}/pagerduty/v2/enqueue` },
    secret: { routingKey: "R-SYNC" },
    ratePerMinute: 6_000,
  });
});

afterAll(async () => {
  transport.close();
  await peer.close();
});

async function pageOnPagerduty(ticketId: string, escalationId: string, step = "level-0") {
  await enqueueNotifications(db, system, {
    objectType: "ticket",
    objectId: ticketId,
    escalationId,
    step: `esc-${escalationId}:${step}`,
    severity: "critical",
    title: `P1 ticket ${ticketId} breaches first response`,
    path: `/tickets/${ticketId}`,
    recipients: [{ userId: null, channels: ["pagerduty"] }],
  });
  await worker().drain();
}

/** What the on-call side records when an escalation ends (server/oncall/escalation-engine.ts endInTx). */
function escalationEnded(
  type: "EscalationAcknowledged" | "EscalationResolved",
  escalationId: string,
  ticketId: string,
  ack: { via: string; userId: string | null } | null = null,
) {
  return withTransaction(db, (tx) =>
    recordEvent(tx, system, {
      type,
      aggregateType: "escalation",
      aggregateId: escalationId,
      payload: {
        objectType: "ticket",
        objectId: ticketId,
        stepsFired: 1,
        at: new Date().toISOString(),
        ...ack,
      },
    }),
  );
}

async function sync() {
  await drain("notifications.provider-sync");
  await worker().drain();
}

const alertsOf = (ticketId: string) =>
  peer.pagerdutyAlerts.filter((alert) => alert.dedupKey.includes(ticketId));
const actionsSent = (ticketId: string) =>
  peer.received
    .filter((r) => r.path === "/pagerduty/v2/enqueue" && r.body.includes(ticketId))
    .map((r) => (JSON.parse(r.body) as { event_action: string }).event_action);

describe("console acknowledgement and resolution reach PagerDuty", () => {
  it("acknowledges, then resolves the open alert under its key; a redelivered event sends nothing more", async () => {
    const ticketId = `t-${randomUUID()}`;
    const escalationId = randomUUID();
    await pageOnPagerduty(ticketId, escalationId);
    expect(alertsOf(ticketId).map((a) => a.status)).toEqual(["triggered"]);

    await escalationEnded("EscalationAcknowledged", escalationId, ticketId, { via: "console", userId: null });
    await sync();
    expect(alertsOf(ticketId).map((a) => a.status)).toEqual(["acknowledged"]);

    // At least once: the same ending delivered again (here, recorded again) is the same outbox step.
    await escalationEnded("EscalationAcknowledged", escalationId, ticketId, { via: "console", userId: null });
    await escalationEnded("EscalationResolved", escalationId, ticketId);
    await sync();
    expect(actionsSent(ticketId)).toEqual(["trigger", "acknowledge", "resolve"]);
    expect(alertsOf(ticketId).map((a) => [a.dedupKey, a.status])).toEqual([
      [`ops-console:ticket:${ticketId}:1`, "resolved"],
    ]);
    const rows = await db.notificationDelivery.findMany({
      where: { objectId: ticketId },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => [r.action, r.status, r.receipt])).toEqual([
      ["trigger", "delivered", `ops-console:ticket:${ticketId}:1`],
      ["acknowledge", "delivered", `ops-console:ticket:${ticketId}:1`],
      ["resolve", "delivered", `ops-console:ticket:${ticketId}:1`],
    ]);
  });

  it("acts on the alert's current generation after a resolve and a new page", async () => {
    const ticketId = `t-${randomUUID()}`;
    const first = randomUUID();
    await pageOnPagerduty(ticketId, first);
    await escalationEnded("EscalationResolved", first, ticketId);
    await sync();
    const second = randomUUID();
    await pageOnPagerduty(ticketId, second);
    await escalationEnded("EscalationAcknowledged", second, ticketId, { via: "console", userId: null });
    await sync();
    expect(alertsOf(ticketId).map((a) => [a.dedupKey, a.status])).toEqual([
      [`ops-console:ticket:${ticketId}:1`, "resolved"],
      [`ops-console:ticket:${ticketId}:2`, "acknowledged"],
    ]);
  });

  it("sends nothing for an acknowledgement made at PagerDuty, or for an object never paged there", async () => {
    const paged = `t-${randomUUID()}`;
    const escalationId = randomUUID();
    await pageOnPagerduty(paged, escalationId);
    await escalationEnded("EscalationAcknowledged", escalationId, paged, { via: "pagerduty", userId: null });
    const neverPaged = `t-${randomUUID()}`;
    await escalationEnded("EscalationResolved", randomUUID(), neverPaged);
    await sync();
    expect(actionsSent(paged)).toEqual(["trigger"]);
    expect(await db.notificationDelivery.count({ where: { objectId: { in: [paged, neverPaged] } } })).toBe(1);
  });
});
