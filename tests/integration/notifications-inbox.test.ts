import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { withTransaction } from "../../server/db/transaction.ts";
import { recordEvent } from "../../server/events/record.ts";
import { systemContext } from "../../server/lib/service-context.ts";
import { enqueueNotifications } from "../../server/notifications/service.ts";
import { createTransport } from "../../server/notifications/transport.ts";
import { callerFor } from "../support/alerts.ts";
import { createUser } from "../support/fixtures.ts";
import { testOutboxWorker } from "../support/outbox-worker.ts";

// The bell's procedures through the tRPC caller, on rows the outbox really delivered: a person sees and marks only
// their own notifications, marking is idempotent; and the delivery log's permission and console acknowledgements.

const db = getDb();
const system = systemContext("inbox-test");
const transport = createTransport();
const worker = () => testOutboxWorker(transport);

afterAll(() => transport.close());

async function notify(userIds: string[], ticketId: string, step: string, escalationId: string | null = null) {
  await enqueueNotifications(db, system, {
    objectType: "ticket",
    objectId: ticketId,
    escalationId,
    step,
    severity: "critical",
    title: `P1 ticket ${ticketId} (${step})`,
    path: `/tickets/${ticketId}`,
    recipients: userIds.map((userId) => ({ userId, channels: ["in_app"] })),
  });
  await worker().drain();
}

describe("the bell", () => {
  it("lists only my notifications, newest first, with my unread count", async () => {
    const aoi = await createUser(["support_agent"]);
    const ken = await createUser(["risk_manager"]);
    const ticketId = randomUUID();
    await notify([aoi.id, ken.id], ticketId, "level-0");
    await notify([aoi.id], ticketId, "level-1");

    const mine = await callerFor(aoi).notifications.inbox({ limit: 10 });
    expect(mine.unread).toBe(2);
    expect(mine.items.map((item) => item.title)).toEqual([
      `P1 ticket ${ticketId} (level-1)`,
      `P1 ticket ${ticketId} (level-0)`,
    ]);
    expect(mine.items[0]).toMatchObject({ path: `/tickets/${ticketId}`, readAt: null, severity: "critical" });
    expect(await callerFor(ken).notifications.unreadCount()).toBe(1);
  });

  it("marks read idempotently, and never another person's rows", async () => {
    const aoi = await createUser(["support_agent"]);
    const ken = await createUser(["city_manager"]);
    await notify([aoi.id, ken.id], randomUUID(), "level-0");
    await notify([aoi.id], randomUUID(), "level-0");
    const [kensOnly] = (await callerFor(ken).notifications.inbox({ limit: 10 })).items;
    const aoisItems = (await callerFor(aoi).notifications.inbox({ limit: 10 })).items;

    // Aoi cannot mark Ken's notification.
    expect(await callerFor(aoi).notifications.markRead({ ids: [kensOnly!.id] })).toEqual({
      marked: 0,
      unread: 2,
    });
    expect(await callerFor(ken).notifications.unreadCount()).toBe(1);

    const first = await callerFor(aoi).notifications.markRead({ ids: [aoisItems[0]!.id] });
    expect(first).toEqual({ marked: 1, unread: 1 });
    const readAt = (await db.notification.findUniqueOrThrow({ where: { id: aoisItems[0]!.id } })).readAt;
    expect(await callerFor(aoi).notifications.markRead({ ids: [aoisItems[0]!.id] })).toEqual({
      marked: 0,
      unread: 1,
    });
    expect((await db.notification.findUniqueOrThrow({ where: { id: aoisItems[0]!.id } })).readAt).toEqual(
      readAt,
    );

    expect(await callerFor(aoi).notifications.markRead({ all: true })).toEqual({ marked: 1, unread: 0 });
    expect(await callerFor(aoi).notifications.markRead({ all: true })).toEqual({ marked: 0, unread: 0 });
    expect(await callerFor(ken).notifications.unreadCount()).toBe(1);
  });
});

describe("the delivery log on a timeline", () => {
  it("is readable by whoever reads the object, and shows a console acknowledgement by name", async () => {
    const agent = await createUser(["support_agent"]);
    const cityManager = await createUser(["city_manager"]);
    const ticketId = randomUUID();
    const escalationId = randomUUID();
    await notify([agent.id], ticketId, "level-0", escalationId);
    await withTransaction(db, (tx) =>
      recordEvent(tx, system, {
        type: "EscalationAcknowledged",
        aggregateType: "escalation",
        aggregateId: escalationId,
        payload: {
          objectType: "ticket",
          objectId: ticketId,
          stepsFired: 1,
          at: new Date().toISOString(),
          userId: agent.id,
          via: "console",
        },
      }),
    );

    const log = await callerFor(agent).notifications.deliveryLog({
      objectType: "ticket",
      objectId: ticketId,
    });
    expect(log).toMatchObject([
      { kind: "delivery", channelKind: "in_app", recipientName: agent.name, status: "delivered" },
      { kind: "acknowledged", via: "console", userId: agent.id, userName: agent.name },
    ]);
    await expect(
      callerFor(cityManager).notifications.deliveryLog({ objectType: "ticket", objectId: ticketId }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
