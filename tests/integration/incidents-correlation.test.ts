import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { recordEvent } from "../../server/events/record.ts";
import { correlateMemberEvent } from "../../server/incidents/correlation-consumer.ts";
import { previewCorrelationRule } from "../../server/incidents/rule-service.ts";
import { changeIncidentState } from "../../server/incidents/service.ts";
import { fixedClock, systemContext, userContext } from "../../server/lib/service-context.ts";
import { drain } from "../support/backbone.ts";
import { createUser } from "../support/fixtures.ts";
import { restaurantTicketEvent, saveRestaurantRule } from "../support/incidents.ts";

// Correlation as the backbone consumer incidents.correlation: concurrent tickets about one restaurant open one
// incident; a redelivered event counts once; late members join; a resolved incident takes none and the next
// member opens a linked incident; the preview counts with the same maths.

const db = getDb();
const T = new Date("2026-12-06T10:00:00Z");
const MINUTE = 60_000;
const consumerContext = () => systemContext("incidents.correlation");

let ruleId = "";
let admin: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  admin = await createUser(["admin"]);
  const name = `Restaurant tickets ${randomUUID()}`;
  ({ id: ruleId } = await saveRestaurantRule(admin, {
    name,
    categories: ["delivery_delay", "order_issue"],
    priority: "P2",
  }));
});

const ticketEvent = (restaurantId: string, minute: number, reporter: string, category?: string) =>
  restaurantTicketEvent({ restaurantId, at: new Date(T.getTime() + minute * MINUTE), reporter, category });

const incidentsFor = (restaurantId: string) =>
  db.incident.findMany({
    where: { restaurantId, ruleId },
    orderBy: { createdAt: "asc" },
    include: { members: true },
  });

describe("incident correlation", () => {
  it("twenty concurrent tickets about one restaurant open exactly one incident with every ticket in it", async () => {
    const restaurant = `rest-${randomUUID()}`;
    const events = Array.from({ length: 20 }, (_, i) => ticketEvent(restaurant, i % 10, `r${i % 4}`));
    await Promise.all(events.map((event) => correlateMemberEvent(db, consumerContext(), event)));
    const [incident, ...others] = await incidentsFor(restaurant);
    expect(others).toHaveLength(0);
    expect(incident?.members.map((m) => m.memberId).sort()).toEqual(events.map((e) => e.aggregateId).sort());
    expect(incident?.members.every((m) => m.ruleVersion === 1 && m.correlationKey === restaurant)).toBe(true);
    expect(incident?.declaredVia).toBe("correlation");
    const declared = await db.domainEvent.count({
      where: { aggregateId: incident!.id, type: "IncidentDeclared" },
    });
    expect(declared).toBe(1);
  });

  it("waits for the thresholds: four tickets or five from two reporters open nothing", async () => {
    const restaurant = `rest-${randomUUID()}`;
    for (let i = 0; i < 5; i++)
      await correlateMemberEvent(db, consumerContext(), ticketEvent(restaurant, i, `r${i % 2}`));
    // A ticket of another category does not count either.
    await correlateMemberEvent(db, consumerContext(), ticketEvent(restaurant, 6, "r9", "payment"));
    expect(await incidentsFor(restaurant)).toHaveLength(0);
    await correlateMemberEvent(db, consumerContext(), ticketEvent(restaurant, 7, "r2"));
    expect(await incidentsFor(restaurant)).toHaveLength(1);
  });

  it("counts a redelivered event once", async () => {
    const restaurant = `rest-${randomUUID()}`;
    const events = Array.from({ length: 5 }, (_, i) => ticketEvent(restaurant, i, `r${i}`));
    for (const event of events) await correlateMemberEvent(db, consumerContext(), event);
    const again = await correlateMemberEvent(db, consumerContext(), events[4]!);
    expect(again).toContain("seen before");
    const [incident] = await incidentsFor(restaurant);
    expect(incident?.members).toHaveLength(5);
  });

  it("late members join the open incident; after resolution the next one opens a new incident linked to it", async () => {
    const restaurant = `rest-${randomUUID()}`;
    for (let i = 0; i < 5; i++)
      await correlateMemberEvent(db, consumerContext(), ticketEvent(restaurant, i, `r${i}`));
    await correlateMemberEvent(db, consumerContext(), ticketEvent(restaurant, 20, "late"));
    const [first] = await incidentsFor(restaurant);
    expect(first?.members).toHaveLength(6);

    const ops = userContext(admin, "resolve", fixedClock(new Date(T.getTime() + 25 * MINUTE)));
    await changeIncidentState(db, ops, {
      incidentId: first!.id,
      to: "resolved",
      expectedVersion: first!.version,
    });
    const lateTicket = ticketEvent(restaurant, 30, "later");
    expect(await correlateMemberEvent(db, consumerContext(), lateTicket)).toContain("opened incident");

    const [resolved, second] = await incidentsFor(restaurant);
    expect(resolved?.members).toHaveLength(6);
    expect(resolved?.state).toBe("resolved");
    expect(second?.linkedIncidentId).toBe(first!.id);
    expect(second?.members.map((m) => m.memberId)).toEqual([lateTicket.aggregateId]);
  });

  it("a member past the maximum window starts a new incident; the old one keeps its members", async () => {
    const restaurant = `rest-${randomUUID()}`;
    // One every 5 minutes for four hours: the first incident opens at minute 20 and takes members until minute
    // 120 (its maximum window); the five from minute 125 open the second, which follows on from the first.
    for (let i = 0; i < 48; i++) {
      await correlateMemberEvent(db, consumerContext(), ticketEvent(restaurant, i * 5, `r${i % 5}`));
    }
    const incidents = await incidentsFor(restaurant);
    expect(incidents.length).toBeGreaterThanOrEqual(2);
    expect(incidents[0]?.members).toHaveLength(25);
    expect(incidents[1]?.linkedIncidentId).toBe(incidents[0]?.id);
    expect(incidents[1]?.windowStart).toEqual(new Date(T.getTime() + 125 * MINUTE));
    for (const incident of incidents) {
      for (const member of incident.members) {
        expect(member.joinedAt.getTime() - incident.windowStart!.getTime()).toBeLessThanOrEqual(120 * MINUTE);
      }
    }
  });

  it("a member held by an open incident of the rule joins no other, even past its maximum window", async () => {
    const restaurant = `rest-${randomUUID()}`;
    const first = [0, 1, 2, 3, 4].map((i) => ticketEvent(restaurant, i, `r${i}`));
    for (const event of first) await correlateMemberEvent(db, consumerContext(), event);
    // Past the first incident's maximum window, four new tickets and a second event of one already in it.
    for (let i = 0; i < 4; i++)
      await correlateMemberEvent(db, consumerContext(), ticketEvent(restaurant, 125 + i, `n${i}`));
    const again = { ...ticketEvent(restaurant, 129, "r0"), aggregateId: first[0]!.aggregateId };
    expect(await correlateMemberEvent(db, consumerContext(), again)).toContain("already in an open incident");
    expect(await incidentsFor(restaurant)).toHaveLength(1);
    // A fifth new ticket completes the second incident, without the member the first one holds.
    await correlateMemberEvent(db, consumerContext(), ticketEvent(restaurant, 130, "n4"));
    const [held, second] = await incidentsFor(restaurant);
    expect(held?.members.map((m) => m.memberId)).toContain(first[0]!.aggregateId);
    expect(second?.members).toHaveLength(5);
    expect(second?.members.map((m) => m.memberId)).not.toContain(first[0]!.aggregateId);
  });

  it("runs as the backbone consumer on a recorded TicketCreated event", async () => {
    const restaurant = `rest-${randomUUID()}`;
    const tickets: string[] = [];
    for (let i = 0; i < 5; i++) {
      const event = ticketEvent(restaurant, 0, `r${i}`);
      tickets.push(event.aggregateId);
      await db.$transaction((tx) =>
        recordEvent(tx, systemContext("test"), {
          type: "TicketCreated",
          aggregateType: "ticket",
          aggregateId: event.aggregateId,
          payload: event.payload as never,
        }),
      );
    }
    await drain("incidents.correlation");
    const failed = await db.eventDelivery.findMany({
      where: {
        consumer: "incidents.correlation",
        lastError: { not: null },
        aggregateKey: { in: tickets.map((id) => `ticket:${id}`) },
      },
    });
    expect(failed.map((d) => d.lastError)).toEqual([]);
    const [incident] = await incidentsFor(restaurant);
    expect(incident?.members).toHaveLength(5);
  });

  it("previews a rule on the event log with the consumer's maths", async () => {
    const admin = await createUser(["admin"]);
    const restaurant = `rest-${randomUUID()}`;
    for (let i = 0; i < 6; i++) {
      await db.$transaction((tx) =>
        recordEvent(tx, systemContext("test"), {
          type: "TicketCreated",
          aggregateType: "ticket",
          aggregateId: randomUUID(),
          payload: {
            number: i,
            category: "missing_item",
            cityId: null,
            restaurantId: restaurant,
            requesterKey: `p${i}`,
          },
        }),
      );
    }
    const definition = {
      key: "restaurant",
      windowMinutes: 30,
      maxWindowMinutes: 60,
      minCount: 6,
      minReporters: 6,
      members: [{ kind: "ticket", categories: ["missing_item"] }],
      priority: "P3",
      title: "{key}",
    };
    const preview = await previewCorrelationRule(db, userContext(admin, "preview"), { definition, days: 7 });
    expect(preview.examples.filter((e) => e.key === restaurant)).toHaveLength(1);
    const stricter = await previewCorrelationRule(db, userContext(admin, "preview"), {
      definition: { ...definition, minCount: 7, minReporters: 7 },
      days: 7,
    });
    expect(stricter.examples.filter((e) => e.key === restaurant)).toHaveLength(0);
  });
});
