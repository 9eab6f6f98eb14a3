import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { supportTeams } from "../support/tickets.ts";
import { createCity } from "../support/cities.ts";
import { drainInbox, insertInbound } from "../support/hub-inbox.ts";
import { exited, startWorker, waitUntil } from "../support/workers.ts";

// Per-order order under concurrency, and a worker killed with kill -9 mid-work: each effect exactly once.

const db = getDb();
const STATUSES = ["accepted", "preparing", "picked_up", "delivered"] as const;
const at = (seconds: number) => new Date(Date.now() - 3_600_000 + seconds * 1_000).toISOString();

describe("inbound processing order and crashes", () => {
  it("processes each order's events in arrival order while two workers share interleaved orders", async () => {
    await supportTeams();
    const city = await createCity();
    const orders = Array.from({ length: 8 }, () => `ord-${randomUUID().slice(0, 8)}`);
    // Interleaved: every order's cancellation (which opens its ticket), then every order's first update, …
    for (const orderId of orders) {
      await insertInbound("OrderCancellationRequested", {
        orderId,
        consumerId: `cus-${randomUUID().slice(0, 8)}`,
        restaurantId: "rst-order-test",
        cityCode: city.code,
        reason: "late_delivery",
        requestedAt: at(0),
      });
    }
    for (const [n, status] of STATUSES.entries()) {
      for (const orderId of orders) {
        await insertInbound("OrderStatusUpdated", {
          orderId,
          cityCode: city.code,
          status,
          updatedAt: at(n + 1),
        });
      }
    }
    await Promise.all([drainInbox({ concurrency: 6 }), drainInbox({ concurrency: 6 })]);

    const rows = await db.inboundEvent.findMany({
      where: { orderingKey: { in: orders.map((o) => `order:${o}`) } },
      orderBy: { seq: "asc" },
    });
    expect(rows.every((row) => row.status === "routed")).toBe(true);
    for (const orderId of orders) {
      const ticket = await db.ticket.findFirstOrThrow({ where: { orderRef: orderId } });
      const comments = await db.ticketComment.findMany({
        where: { ticketId: ticket.id },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      // Every update found its order's ticket (the cancellation went first) and commented in the order sent.
      expect(comments.map((c) => /is now (\w+( \w+)?)/.exec(c.body)?.[1])).toEqual(
        STATUSES.map((s) => s.replace("_", " ")),
      );
      const processed = rows
        .filter((row) => row.orderingKey === `order:${orderId}`)
        .map((r) => r.processedAt!);
      expect([...processed].sort((a, b) => a.getTime() - b.getTime())).toEqual(processed);
    }
  });

  it("loses nothing and does nothing twice when the worker is killed mid-work", async () => {
    await supportTeams();
    const city = await createCity();
    // One instant for the events and the bucket checked at the end: `at` reads the clock each call, and a slow run
    // can cross a 5-minute boundary between the two.
    const failedAt = at(0);
    const events = [];
    for (let n = 0; n < 30; n++) {
      events.push(
        await insertInbound("DeliveryFailed", {
          orderId: `ord-${randomUUID().slice(0, 8)}`,
          courierId: `cour-${randomUUID().slice(0, 8)}`,
          consumerId: `cus-${randomUUID().slice(0, 8)}`,
          cityCode: city.code,
          reason: "address_not_found",
          failedAt,
        }),
      );
    }
    const externalIds = events.map((row) => `inbound:courier_mobility:${row.eventId}`);
    const seqs = events.map((row) => row.seq);
    const tickets = () => db.ticket.count({ where: { externalId: { in: externalIds } } });
    const routed = () => db.inboundEvent.count({ where: { seq: { in: seqs }, status: "routed" } });
    const start = () => startWorker("tests/support/inbox-worker.ts");

    const first = start();
    await waitUntil(async () => (await tickets()) >= 5, 60_000);
    first.kill("SIGKILL");
    await exited(first);
    expect(await routed()).toBeLessThan(events.length);

    const second = start();
    try {
      await waitUntil(async () => (await routed()) === events.length, 60_000);
    } finally {
      second.kill("SIGKILL");
      await exited(second);
    }
    expect(await tickets()).toBe(events.length);
    const ids = (
      await db.ticket.findMany({ where: { externalId: { in: externalIds } }, select: { id: true } })
    ).map((t) => t.id);
    expect(await db.domainEvent.count({ where: { type: "TicketCreated", aggregateId: { in: ids } } })).toBe(
      events.length,
    );
    const bucketStart = new Date(Math.floor(new Date(failedAt).getTime() / 300_000) * 300_000);
    const failures = await db.cityIndicator.findUniqueOrThrow({
      where: { cityId_metric_bucketStart: { cityId: city.id, metric: "delivery_failures", bucketStart } },
    });
    expect(failures.value).toBe(events.length);
  });
});
