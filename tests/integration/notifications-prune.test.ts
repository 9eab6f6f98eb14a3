import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { JOBS } from "../../server/jobs/registry.ts";
import { fixedClock, systemContext } from "../../server/lib/service-context.ts";
import { pruneDeliveredNotifications } from "../../server/notifications/outbox-service.ts";
import { enqueueNotifications } from "../../server/notifications/service.ts";
import { createTransport } from "../../server/notifications/transport.ts";
import { createUser } from "../support/fixtures.ts";
import { testOutboxWorker } from "../support/outbox-worker.ts";

// The prune job: delivered outbox rows past the keeping time go, in chunks; younger rows, rows not delivered and
// in-app notifications still unread stay.

const db = getDb();
const system = systemContext("prune-test");
const transport = createTransport();
const DAY = 24 * 3_600_000;

afterAll(() => transport.close());

async function deliveredInApp(userId: string, objectId: string) {
  await enqueueNotifications(db, system, {
    objectType: "ticket",
    objectId,
    step: "level-0",
    severity: "high",
    title: `ticket ${objectId}`,
    path: `/tickets/${objectId}`,
    recipients: [{ userId, channels: ["in_app"] }],
  });
  await testOutboxWorker(transport).drain();
  return db.notificationDelivery.findFirstOrThrow({ where: { objectId }, include: { inApp: true } });
}

describe("notifications.prune", () => {
  it("removes old delivered rows in chunks and keeps young, undelivered and unread ones", async () => {
    const user = await createUser(["support_agent"]);
    const now = new Date();
    const age = (days: number) => new Date(now.getTime() - days * DAY);
    const oldRead = await Promise.all([1, 2, 3].map(() => deliveredInApp(user.id, randomUUID())));
    const oldUnread = await deliveredInApp(user.id, randomUUID());
    const young = await deliveredInApp(user.id, randomUUID());
    const oldDead = await deliveredInApp(user.id, randomUUID());
    await db.notification.updateMany({
      where: { deliveryId: { in: [...oldRead, young, oldDead].map((row) => row.id) } },
      data: { readAt: now },
    });
    await db.notificationDelivery.updateMany({
      where: { id: { in: [...oldRead, oldUnread].map((row) => row.id) } },
      data: { deliveredAt: age(91) },
    });
    await db.notificationDelivery.update({ where: { id: young.id }, data: { deliveredAt: age(89) } });
    await db.notificationDelivery.update({
      where: { id: oldDead.id },
      data: { status: "dead", deliveredAt: age(200) },
    });

    const result = await pruneDeliveredNotifications(
      db,
      systemContext("prune-test", { clock: fixedClock(now) }),
      {
        chunk: 2,
      },
    );
    expect(result.removed).toBeGreaterThanOrEqual(3);
    expect(result.cutoff).toBe(age(90).toISOString());

    const left = await db.notificationDelivery.findMany({
      where: { id: { in: [...oldRead, oldUnread, young, oldDead].map((row) => row.id) } },
      select: { id: true },
    });
    expect(new Set(left.map((row) => row.id))).toEqual(new Set([oldUnread.id, young.id, oldDead.id]));
    // The in-app notifications of removed deliveries go with them; the unread one is still on the bell.
    expect(await db.notification.count({ where: { userId: user.id } })).toBe(3);
    expect(
      (await pruneDeliveredNotifications(db, systemContext("prune-test", { clock: fixedClock(now) })))
        .removed,
    ).toBe(0);
  });

  it("is a scheduled job", () => {
    expect(JOBS.find((job) => job.name === "notifications.prune")?.everyMs).toBe(6 * 3_600_000);
  });
});
