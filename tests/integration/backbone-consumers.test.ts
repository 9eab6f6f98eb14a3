import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { claimDeliveries, markDeliveredMany } from "../../server/backbone/delivery-repository.ts";
import { MAX_ATTEMPTS } from "../../server/backbone/retry-policy.ts";
import { redriveDeadLetters, backboneOverview } from "../../server/backbone/service.ts";
import { ingestIndicators } from "../../server/cities/ingest.ts";
import type { IngestPoint } from "../../server/cities/contract.ts";
import { getDb } from "../../server/db/client.ts";
import { recordEvent } from "../../server/events/record.ts";
import type { AlertTriggeredPayload } from "../../server/events/payloads.ts";
import { CONSUMER_NAMES, CONSUMER_SUBSCRIPTIONS } from "../../server/events/subscriptions.ts";
import { systemContext, userContext } from "../../server/lib/service-context.ts";
import { createRule, eventsOf } from "../support/alerts.ts";
import { supportTeams } from "../support/tickets.ts";
import { deliveriesOf, drain } from "../support/backbone.ts";
import { createCity, jobAt, run, unusedCityCode } from "../support/cities.ts";
import { createUser } from "../support/fixtures.ts";

// The event backbone against real PostgreSQL: deliveries written with the event, consumed once in effect, in
// order per aggregate, retried, dead-lettered and redriven.

const db = getDb();
const T = new Date("2026-03-02T03:00:00Z");
const minutes = (m: number) => new Date(T.getTime() + m * 60_000);
const ingestAt = (now: Date, points: IngestPoint[]) =>
  ingestIndicators(db, jobAt(now, "backbone-test"), { points });

function alertPayload(city: { id: string; code: string }, overrides: Partial<AlertTriggeredPayload> = {}) {
  return {
    alertId: randomUUID(),
    ruleId: randomUUID(),
    ruleName: "Delivery time above 45 min",
    metric: "avg_delivery_minutes",
    cityId: city.id,
    city: city.code,
    severity: "critical",
    value: 58,
    valueText: "58 min",
    metricLabel: { en: "Average delivery time", ja: "平均配達時間" },
    cityName: { en: "Testville", ja: "テスト市" },
    firedAt: T.toISOString(),
    followUps: { ticket: true, riskSignal: false },
    ...overrides,
  } satisfies AlertTriggeredPayload;
}

async function triggerAlertEvent(payload: object) {
  const context = systemContext("backbone-test");
  const { alertId } = payload as { alertId: string };
  return db.$transaction((tx) =>
    recordEvent(tx, context, {
      type: "AlertTriggered",
      aggregateType: "alert",
      aggregateId: alertId,
      payload: payload as never,
    }),
  );
}

/**
 * The events' deliveries moved to a consumer of their own (a new name, with no handler), so no other test's
 * deliveries share its backlog, and the real consumers' drains in other tests never meet these events.
 */
async function consumerOfItsOwn(events: readonly { seq: bigint }[]): Promise<string> {
  const consumer = `test.own-${randomUUID()}`;
  const seqs = events.map((e) => e.seq);
  await db.$transaction([
    db.$executeRaw`
      INSERT INTO "EventDelivery" (consumer, "eventSeq", "eventId", "eventType", "aggregateKey")
      SELECT ${consumer}, seq, id, type, "aggregateType" || ':' || "aggregateId"
        FROM "DomainEvent" WHERE seq = ANY(${seqs}::bigint[])`,
    db.$executeRaw`DELETE FROM "EventDelivery" WHERE "eventSeq" = ANY(${seqs}::bigint[]) AND consumer <> ${consumer}`,
  ]);
  return consumer;
}

describe("event backbone", () => {
  it("leaves alert follow-ups to the consumers: the ingest opens no ticket, the consumer opens exactly one", async () => {
    await supportTeams();
    const city = await createCity();
    await createRule({ cityId: city.id, severity: "critical", opensTicket: true });
    const fired = await ingestAt(minutes(0), run(city.code, "avg_delivery_minutes", minutes(-5), [66]));
    expect(fired.alerts.triggered).toBe(1);
    const alert = await db.alert.findFirstOrThrow({ where: { cityId: city.id } });
    const [triggered] = await eventsOf(alert.id, "AlertTriggered");
    expect(await db.ticket.count({ where: { externalId: `alert:${alert.id}` } })).toBe(0);
    // One pending delivery per consumer subscribed to AlertTriggered, written with the event.
    const subscribers = CONSUMER_NAMES.filter((name) =>
      (CONSUMER_SUBSCRIPTIONS[name] as readonly string[]).includes("AlertTriggered"),
    );
    expect(subscribers).toEqual(expect.arrayContaining(["risk.alert-signals", "tickets.alert-tickets"]));
    expect((await deliveriesOf(triggered!.id)).map((d) => [d.consumer, d.status])).toEqual(
      subscribers.sort().map((name) => [name, "pending"]),
    );

    await drain("tickets.alert-tickets");
    const ticket = await db.ticket.findUniqueOrThrow({ where: { externalId: `alert:${alert.id}` } });
    expect(ticket).toMatchObject({
      priority: "P1",
      category: "delivery_delay",
      cityId: city.id,
      source: "internal",
    });
    expect(ticket.subject).toContain("Delivery time above 45 min");
    const [created] = await eventsOf(ticket.id, "TicketCreated");
    expect(created?.causationId).toBe(triggered?.id);

    // Handled, the delivery is gone; the other subscriber's still waits.
    expect((await deliveriesOf(triggered!.id)).map((d) => d.consumer)).toEqual(
      subscribers.filter((name) => name !== "tickets.alert-tickets"),
    );
    // A redelivery of the same event (a crash after the ticket committed, before the delivery was marked) is
    // answered with the ticket it already opened.
    await db.eventDelivery.create({
      data: {
        consumer: "tickets.alert-tickets",
        eventSeq: triggered!.seq,
        eventId: triggered!.id,
        eventType: "AlertTriggered",
        aggregateKey: `alert:${alert.id}`,
        availableAt: new Date(0),
      },
    });
    await drain("tickets.alert-tickets");
    expect(await db.ticket.count({ where: { externalId: `alert:${alert.id}` } })).toBe(1);
    expect(await eventsOf(ticket.id, "TicketCreated")).toHaveLength(1);
  });

  it("hands an alert of a rule with opensRiskCase to the risk engine once", async () => {
    const city = await createCity();
    await createRule({ cityId: city.id, metric: "delivery_failures", threshold: 6, opensRiskCase: true });
    await ingestAt(minutes(0), run(city.code, "delivery_failures", minutes(-5), [14]));
    await drain("risk.alert-signals");
    await drain("risk.alert-signals");
    const alert = await db.alert.findFirstOrThrow({ where: { cityId: city.id } });
    const signals = await db.riskSignal.findMany({ where: { sourceEventId: `alert:${alert.id}` } });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      type: "delivery_fraud",
      subjectType: "courier",
      subjectId: `fleet:${city.code}`,
    });
  });

  it("hands one aggregate's events over in order, while other aggregates go on", async () => {
    const city = await createCity();
    const first = alertPayload(city);
    const a1 = await triggerAlertEvent(first);
    const a2 = await triggerAlertEvent({ ...first, value: 70 });
    const b1 = await triggerAlertEvent(alertPayload(city));
    const seqs = [a1.seq, a2.seq, b1.seq];
    const claim = async () =>
      (await claimDeliveries(db, "risk.alert-signals", 50, 60_000))
        .map((d) => d.eventSeq)
        .filter((s) => seqs.includes(s));

    expect(await claim()).toEqual([a1.seq, b1.seq]);
    // a1 is leased: a2 waits behind it even though it is due.
    expect(await claim()).toEqual([]);
    await markDeliveredMany(db, "risk.alert-signals", [a1.seq]);
    expect(await claim()).toEqual([a2.seq]);
  });

  it("finds a due aggregate behind a stuck one whose waiting deliveries fill the oldest of the backlog", async () => {
    const city = await createCity();
    const stuck = alertPayload(city);
    const stuckEvents = [];
    for (let n = 0; n < 12; n += 1) stuckEvents.push(await triggerAlertEvent({ ...stuck, value: 60 + n }));
    const other = await triggerAlertEvent(alertPayload(city));
    const consumer = await consumerOfItsOwn([...stuckEvents, other]);
    await db.eventDelivery.update({
      where: { consumer_eventSeq: { consumer, eventSeq: stuckEvents[0]!.seq } },
      data: { availableAt: new Date(Date.now() + 3_600_000) },
    });

    // A claim of 2 first reads the 8 oldest pending rows: all the stuck alert's, its head backing off.
    const claimed = await claimDeliveries(db, consumer, 2, 60_000);
    expect(claimed.map((d) => d.eventSeq)).toEqual([other.seq]);
    expect(await claimDeliveries(db, consumer, 2, 60_000)).toEqual([]);
  });

  it("never hands one delivery, nor two of one aggregate, to claims running at once", async () => {
    const city = await createCity();
    const alerts = Array.from({ length: 10 }, () => alertPayload(city));
    const events = [];
    for (let round = 0; round < 3; round += 1)
      for (const alert of alerts) events.push(await triggerAlertEvent({ ...alert, value: 60 + round }));
    const consumer = await consumerOfItsOwn(events);

    const claims = await Promise.all(
      Array.from({ length: 4 }, () => claimDeliveries(db, consumer, 6, 60_000)),
    );
    // A claim whose heads were all taken by one still running may come back short; a claim after them takes the rest.
    const claimed = [...claims.flat(), ...(await claimDeliveries(db, consumer, 10, 60_000))];
    expect(new Set(claimed.map((d) => d.eventSeq)).size).toBe(claimed.length);
    // Every aggregate's first alert once, and nothing behind one: the others wait for their heads.
    expect(claimed.map((d) => d.eventSeq).sort()).toEqual(
      events
        .slice(0, 10)
        .map((e) => e.seq)
        .sort(),
    );
  });

  it("retries a failing delivery with backoff, dead-letters it, and an admin's redrive delivers it once fixed", async () => {
    await supportTeams();
    // The alert names a city the console does not know yet: opening its ticket fails until the city exists.
    const code = await unusedCityCode();
    const payload = alertPayload({ id: randomUUID(), code });
    const event = await triggerAlertEvent(payload);
    const key = { consumer: "tickets.alert-tickets", eventSeq: event.seq };

    await drain("tickets.alert-tickets");
    let delivery = await db.eventDelivery.findUniqueOrThrow({ where: { consumer_eventSeq: key } });
    expect(delivery).toMatchObject({ status: "pending", attempts: 1 });
    expect(delivery.lastError).toMatch(/city/i);
    expect(delivery.availableAt.getTime()).toBeGreaterThan(Date.now());

    // The last attempt fails too: the delivery becomes a dead letter with its error.
    await db.eventDelivery.update({
      where: { consumer_eventSeq: key },
      data: { attempts: MAX_ATTEMPTS - 1, availableAt: new Date(0) },
    });
    await drain("tickets.alert-tickets");
    delivery = await db.eventDelivery.findUniqueOrThrow({ where: { consumer_eventSeq: key } });
    expect(delivery).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS });

    const admin = userContext(await createUser(["admin"]), `test-${randomUUID()}`);
    const overview = await backboneOverview(db, admin, 500);
    expect(overview.deadLetters.map((row) => row.eventId)).toContain(event.id);
    expect(
      overview.consumers.find((row) => row.consumer === "tickets.alert-tickets")?.dead,
    ).toBeGreaterThanOrEqual(1);

    await db.city.create({
      data: { code, name: "Late City", nameJa: "遅れ市", latitude: 35, longitude: 139 },
    });
    const result = await redriveDeadLetters(db, admin, {
      deliveries: [
        { consumer: key.consumer, eventSeq: String(event.seq) },
        { consumer: key.consumer, eventSeq: "1" },
      ],
    });
    expect(result).toEqual({ redriven: 1, notDead: 1 });
    const [redriven] = await eventsOf(`${key.consumer}:${event.seq}`, "EventDeliveryRedriven");
    expect(redriven).toMatchObject({ actorType: "user", actorId: admin.actor.id });
    expect(await db.auditLog.count({ where: { eventId: redriven!.id } })).toBe(1);

    await drain("tickets.alert-tickets");
    expect(await db.eventDelivery.findUnique({ where: { consumer_eventSeq: key } })).toBeNull();
    expect(await db.ticket.count({ where: { externalId: `alert:${payload.alertId}` } })).toBe(1);
  });

  it("refuses a redrive to someone without events:manage", async () => {
    const agent = userContext(await createUser(["support_agent"]), `test-${randomUUID()}`);
    await expect(
      redriveDeadLetters(db, agent, { deliveries: [{ consumer: "tickets.alert-tickets", eventSeq: "1" }] }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
