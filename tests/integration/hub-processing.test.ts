import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { MAX_ATTEMPTS } from "../../server/backbone/retry-policy.ts";
import { supportTeams } from "../support/tickets.ts";
import { createCity } from "../support/cities.ts";
import { drainInbox, inboxRow, insertInbound } from "../support/hub-inbox.ts";

// Inbound processing against real PostgreSQL: each route's effect through the domains' services, the decision
// stored with why, unrouted events kept, failures classed, retried and dead-lettered.

const db = getDb();
const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
// A bucket start in the recent past, so the cities ingest takes the points.
const BUCKET = new Date(Math.floor((Date.now() - 3_600_000) / 300_000) * 300_000);
const inBucket = (seconds: number) => new Date(BUCKET.getTime() + seconds * 1_000).toISOString();

const indicator = (cityId: string, metric: "kitchen_overloads" | "delivery_failures") =>
  db.cityIndicator.findUnique({
    where: { cityId_metric_bucketStart: { cityId, metric, bucketStart: BUCKET } },
  });

describe("inbound processing", () => {
  it("opens a ticket per cancellation request and a refund_abuse signal from the consumer's third in a day", async () => {
    await supportTeams();
    const city = await createCity();
    const consumerId = id("cus");
    const reasons = ["late_delivery", "wrong_item", "payment_issue"] as const;
    const rows = [];
    for (const [n, reason] of reasons.entries()) {
      rows.push(
        await insertInbound("OrderCancellationRequested", {
          orderId: id("ord"),
          consumerId,
          restaurantId: id("rst"),
          cityCode: city.code,
          reason,
          requestedAt: inBucket(n),
        }),
      );
    }
    await drainInbox();
    const externalIds = rows.map((row) => `inbound:consumer_experience:${row.eventId}`);
    const tickets = await db.ticket.findMany({ where: { externalId: { in: externalIds } } });
    const byExternalId = new Map(tickets.map((t) => [t.externalId, t]));
    expect(externalIds.map((key) => byExternalId.get(key)?.category)).toEqual([
      "delivery_delay",
      "missing_item",
      "payment",
    ]);
    expect(tickets.every((t) => t.cityId === city.id && t.source === "consumer")).toBe(true);
    expect(externalIds.map((key) => byExternalId.get(key)?.orderRef)).toEqual(
      rows.map((row) => (row.data as { orderId: string }).orderId),
    );
    // The requests are about different orders, so they are processed side by side: whichever is read last sees
    // all three. Each request that sees three sends its own signal; they join the consumer's one case.
    const signals = await db.riskSignal.findMany({ where: { subjectId: consumerId } });
    expect(signals.length).toBeGreaterThanOrEqual(1);
    expect(new Set(signals.map((s) => s.type))).toEqual(new Set(["refund_abuse"]));
    expect(new Set(signals.map((s) => s.caseId)).size).toBe(1);
    const signalled = await inboxRow(
      rows.find((row) => signals.some((s) => s.sourceEventId.endsWith(row.eventId)))!.seq,
    );
    expect(signalled).toMatchObject({ status: "routed", attempts: 1 });
    const ticket = byExternalId.get(`inbound:consumer_experience:${signalled.eventId}`)!;
    expect(signalled.decision).toMatchObject({
      rule: "order-cancellation.ticket",
      produced: [
        { kind: "ticket", ticketId: ticket.id, number: ticket.number, created: true },
        { kind: "risk_signal", duplicate: false },
      ],
    });
    expect((signalled.decision as { why: string }).why).toMatch(/3 requests .* refund_abuse/);
  });

  it("counts kitchen overloads and delivery failures into the city's bucket exactly once per event", async () => {
    await supportTeams();
    const city = await createCity();
    const [r1, r2, r3] = [id("rst"), id("rst"), id("rst")];
    const courier = id("cour");
    await insertInbound("KitchenOverloaded", {
      restaurantId: r1,
      cityCode: city.code,
      backlogOrders: 9,
      reportedAt: inBucket(10),
    });
    await insertInbound("KitchenOverloaded", {
      restaurantId: r2,
      cityCode: city.code,
      backlogOrders: 4,
      reportedAt: inBucket(20),
    });
    // The same restaurant again, and one rejecting an order for the same reason: three restaurants in all.
    await insertInbound("KitchenOverloaded", {
      restaurantId: r1,
      cityCode: city.code,
      backlogOrders: 12,
      reportedAt: inBucket(30),
    });
    await insertInbound("OrderRejected", {
      orderId: id("ord"),
      restaurantId: r3,
      cityCode: city.code,
      reason: "kitchen_overloaded",
      rejectedAt: inBucket(40),
    });
    const outOfStock = await insertInbound("OrderRejected", {
      orderId: id("ord"),
      restaurantId: id("rst"),
      cityCode: city.code,
      reason: "out_of_stock",
      rejectedAt: inBucket(50),
    });
    const failures = [];
    for (const n of [1, 2, 3]) {
      failures.push(
        await insertInbound("DeliveryFailed", {
          orderId: id("ord"),
          courierId: courier,
          ...(n === 1 ? { consumerId: id("cus") } : {}),
          cityCode: city.code,
          reason: "address_not_found",
          failedAt: inBucket(60 + n),
        }),
      );
    }
    await drainInbox({ concurrency: 8 });

    expect((await indicator(city.id, "kitchen_overloads"))?.value).toBe(3);
    expect((await indicator(city.id, "delivery_failures"))?.value).toBe(3);
    expect(await inboxRow(outOfStock.seq)).toMatchObject({ status: "unrouted" });
    expect(((await inboxRow(outOfStock.seq)).decision as { why: string }).why).toMatch(/cancellation_rate/);
    // A ticket only for the failure that names a consumer; a delivery_fraud signal from the courier's third.
    const tickets = await db.ticket.count({
      where: { externalId: { in: failures.map((row) => `inbound:courier_mobility:${row.eventId}`) } },
    });
    expect(tickets).toBe(1);
    const signals = await db.riskSignal.findMany({ where: { subjectId: courier } });
    expect(signals.length).toBeGreaterThanOrEqual(1);
    expect(new Set(signals.map((s) => s.type))).toEqual(new Set(["delivery_fraud"]));

    // Processing an event again (a replay, or a retry after a crash) writes the same absolute value.
    await db.inboundEvent.update({
      where: { seq: failures[0]!.seq },
      data: { status: "pending", availableAt: new Date(0) },
    });
    await drainInbox();
    expect((await indicator(city.id, "delivery_failures"))?.value).toBe(3);
    // Nothing twice: each event signals at most once, under its own key. (The replayed event may signal now when
    // it was processed first and saw only itself: it sees the courier's busy day today.)
    const after = await db.riskSignal.findMany({ where: { subjectId: courier } });
    expect(new Set(after.map((s) => s.sourceEventId)).size).toBe(after.length);
    expect(after.length).toBeLessThanOrEqual(failures.length);
    const replayedKey = `inbound:courier_mobility:${failures[0]!.eventId}`;
    expect(after.filter((s) => s.sourceEventId === replayedKey).length).toBeLessThanOrEqual(1);
  });

  it("turns a safety incident into a P1 courier ticket and a courier_safety signal, and a contract change into a ticket and an event", async () => {
    await supportTeams();
    const city = await createCity();
    const courier = id("cour");
    const incident = await insertInbound("SafetyIncidentReported", {
      incidentId: id("inc"),
      courierId: courier,
      cityCode: city.code,
      severity: "serious",
      description: "Hit by a car door at a junction.",
      occurredAt: inBucket(0),
    });
    const contract = `orders-api-${randomUUID().slice(0, 6)}`;
    const change = await insertInbound("ContractChanged", {
      contract,
      version: "2.0.0",
      change: "breaking",
      summary: "orderId becomes a UUID.",
      effectiveAt: inBucket(0),
    });
    await drainInbox();
    const safety = await db.ticket.findUniqueOrThrow({
      where: { externalId: `inbound:courier_mobility:${incident.eventId}` },
      include: { team: true },
    });
    expect(safety).toMatchObject({ priority: "P1", category: "courier_safety", cityId: city.id });
    expect(safety.team.key).toBe("courier");
    expect(await db.riskSignal.findMany({ where: { subjectId: courier }, select: { type: true } })).toEqual([
      { type: "courier_safety" },
    ]);
    const contractTicket = await db.ticket.findUniqueOrThrow({
      where: { externalId: `inbound:integration_contract:${change.eventId}` },
    });
    expect(contractTicket).toMatchObject({ priority: "P2", category: "restaurant_onboarding" });
    const events = await db.domainEvent.findMany({
      where: { type: "ContractChangeReceived", aggregateId: contract },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "system", correlationId: change.receiptId });
  });

  it("adds order updates to the order's ticket timeline once, and keeps an update about an order without a ticket unrouted", async () => {
    await supportTeams();
    const city = await createCity();
    const orderId = id("ord");
    await insertInbound("OrderCancellationRequested", {
      orderId,
      consumerId: id("cus"),
      restaurantId: id("rst"),
      cityCode: city.code,
      reason: "late_delivery",
      requestedAt: inBucket(0),
    });
    const update = await insertInbound("OrderStatusUpdated", {
      orderId,
      cityCode: city.code,
      status: "cancelled",
      note: "Refund issued",
      updatedAt: inBucket(5),
    });
    const notified = await insertInbound("ConsumerNotified", {
      orderId,
      consumerId: id("cus"),
      channel: "push",
      message: "Your order was cancelled.",
      notifiedAt: inBucket(6),
    });
    const lonely = await insertInbound("OrderStatusUpdated", {
      orderId: id("ord"),
      cityCode: city.code,
      status: "delivered",
      updatedAt: inBucket(7),
    });
    await drainInbox();
    const ticket = await db.ticket.findFirstOrThrow({ where: { orderRef: orderId } });
    const comments = await db.ticketComment.findMany({
      where: { ticketId: ticket.id },
      orderBy: { createdAt: "asc" },
    });
    expect(comments.map((c) => c.visibility)).toEqual(["internal", "internal"]);
    expect(comments[0]!.body).toContain("cancelled");
    expect(comments[1]!.body).toContain("Your order was cancelled.");
    expect(await inboxRow(notified.seq)).toMatchObject({ status: "routed" });
    const orphan = await inboxRow(lonely.seq);
    expect(orphan.status).toBe("unrouted");
    expect((orphan.decision as { why: string }).why).toMatch(/^no ticket for order /);

    // Processed again, the update finds its comment and adds none.
    await db.inboundEvent.update({
      where: { seq: update.seq },
      data: { status: "pending", availableAt: new Date(0) },
    });
    await drainInbox();
    expect(await db.ticketComment.count({ where: { ticketId: ticket.id } })).toBe(2);

    // An event whose id begins another's (e1 after e12) gets its own comment all the same.
    const stem = `evt-${randomUUID()}-`;
    for (const [suffix, status, minute] of [
      ["12", "picked_up", 8],
      ["1", "delivered", 9],
    ] as const) {
      await insertInbound(
        "OrderStatusUpdated",
        { orderId, cityCode: city.code, status, updatedAt: inBucket(minute) },
        { eventId: `${stem}${suffix}` },
      );
      await drainInbox();
    }
    expect(await db.ticketComment.count({ where: { ticketId: ticket.id } })).toBe(4);
  });

  it("dead-letters an unreadable event at once, as a mapping failure", async () => {
    const row = await insertInbound("KitchenOverloaded", {
      restaurantId: id("rst"),
      cityCode: "lowercase",
      backlogOrders: 1,
      reportedAt: inBucket(0),
    });
    await drainInbox();
    const dead = await inboxRow(row.seq);
    expect(dead).toMatchObject({ status: "dead", failureClass: "mapping", attempts: 1 });
    expect(dead.lastError).toMatch(/cityCode/);
    expect(
      await db.domainEvent.count({ where: { type: "InboundEventDeadLettered", aggregateId: row.receiptId } }),
    ).toBe(1);
  });

  it("dead-letters a refusal by a domain service at once, and retries a downstream failure with backoff before it", async () => {
    await supportTeams();
    const refused = await insertInbound("SafetyIncidentReported", {
      incidentId: id("inc"),
      courierId: id("cour"),
      cityCode: "QZZ",
      severity: "minor",
      description: "Unknown city",
      occurredAt: inBucket(0),
    });
    // A database that fails the ticket's insert, as an outage would: not the sender's fault, so retried.
    const marker = `FAIL-${randomUUID().slice(0, 8)}`;
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION hub_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.subject LIKE '%${marker}%' THEN RAISE EXCEPTION 'simulated outage'; END IF; RETURN NEW; END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER hub_test_fail BEFORE INSERT ON "Ticket" FOR EACH ROW EXECUTE FUNCTION hub_test_fail()`,
    );
    try {
      const failing = await insertInbound("ContractChanged", {
        contract: marker,
        version: "1",
        change: "added",
        summary: "A new field.",
        effectiveAt: inBucket(0),
      });
      await drainInbox();
      expect(await inboxRow(refused.seq)).toMatchObject({
        status: "dead",
        failureClass: "downstream",
        attempts: 1,
      });
      expect((await inboxRow(refused.seq)).lastError).toMatch(/city/);

      let row = await inboxRow(failing.seq);
      expect(row).toMatchObject({ status: "pending", failureClass: "downstream", attempts: 1 });
      expect(row.lastError).toMatch(/simulated outage/);
      expect(row.availableAt.getTime()).toBeGreaterThan(Date.now());

      await db.inboundEvent.update({
        where: { seq: failing.seq },
        data: { attempts: MAX_ATTEMPTS - 1, availableAt: new Date(0) },
      });
      await drainInbox();
      row = await inboxRow(failing.seq);
      expect(row).toMatchObject({ status: "dead", failureClass: "downstream", attempts: MAX_ATTEMPTS });
      expect(row.lastError).toMatch(/simulated outage/);
      const [deadLettered] = await db.domainEvent.findMany({
        where: { type: "InboundEventDeadLettered", aggregateId: failing.receiptId },
      });
      expect(deadLettered?.payload).toMatchObject({ failureClass: "downstream", attempts: MAX_ATTEMPTS });
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER hub_test_fail ON "Ticket"`);
      await db.$executeRawUnsafe(`DROP FUNCTION hub_test_fail()`);
    }
  });

  it("skips a paused source's held events and keeps them behind their key", async () => {
    const restaurantId = id("rst");
    const city = await createCity();
    const held = await insertInbound(
      "KitchenOverloaded",
      { restaurantId, cityCode: city.code, backlogOrders: 3, reportedAt: inBucket(0) },
      { status: "held" },
    );
    const later = await insertInbound("OrderRejected", {
      orderId: id("ord"),
      restaurantId,
      cityCode: city.code,
      reason: "closed",
      rejectedAt: inBucket(1),
    });
    const otherKey = await insertInbound("KitchenOverloaded", {
      restaurantId: id("rst"),
      cityCode: city.code,
      backlogOrders: 3,
      reportedAt: inBucket(2),
    });
    await drainInbox();
    expect((await inboxRow(held.seq)).status).toBe("held");
    expect((await inboxRow(otherKey.seq)).status).toBe("routed");
    // `later` is about another order, so its key is its order's: only the held row's own key waits.
    expect((await inboxRow(later.seq)).status).toBe("unrouted");

    const sameKey = await insertInbound("KitchenOverloaded", {
      restaurantId,
      cityCode: city.code,
      backlogOrders: 5,
      reportedAt: inBucket(3),
    });
    await drainInbox();
    expect((await inboxRow(sameKey.seq)).status).toBe("pending");
    await db.inboundEvent.update({ where: { seq: held.seq }, data: { status: "pending" } });
    await drainInbox();
    const [first, second] = [await inboxRow(held.seq), await inboxRow(sameKey.seq)];
    expect([first.status, second.status]).toEqual(["routed", "routed"]);
    expect(first.processedAt!.getTime()).toBeLessThanOrEqual(second.processedAt!.getTime());
  });
});
