import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import type { DeliveredEvent } from "../../server/events/delivered-event.ts";
import { recordEvents } from "../../server/events/record.ts";
import { correlateMemberEvents } from "../../server/incidents/correlation-consumer.ts";
import { systemContext } from "../../server/lib/service-context.ts";
import { drain } from "../support/backbone.ts";
import { createUser } from "../support/fixtures.ts";
import { restaurantTicketEvent, saveRestaurantRule } from "../support/incidents.ts";

// The correlation consumer takes a claimed batch at once: each event is decided as if it had come alone after the
// batch's earlier events, a redelivered batch changes nothing, concurrent batches sharing a key open one incident,
// and a batch holding a bad event still handles the others.

const db = getDb();
const T = new Date("2026-12-05T09:00:00Z");
const MINUTE = 60_000;
const contextOf = (event: DeliveredEvent) =>
  systemContext("incidents.correlation", { correlationId: event.correlationId, causationId: event.id });

let ruleId = "";
let ruleName = "";

beforeAll(async () => {
  const admin = await createUser(["admin"]);
  ruleName = `Batch restaurant tickets ${randomUUID()}`;
  ({ id: ruleId } = await saveRestaurantRule(admin, {
    name: ruleName,
    categories: ["delivery_delay"],
    priority: "P3",
  }));
});

const ticketEvent = (restaurantId: string, minute: number, reporter: string, cityId: string | null = null) =>
  restaurantTicketEvent({ restaurantId, at: new Date(T.getTime() + minute * MINUTE), reporter, cityId });

const incidentsFor = (restaurantId: string) =>
  db.incident.findMany({ where: { restaurantId, ruleId }, include: { members: true } });

const mine = (note: string) =>
  note
    .split("; ")
    .filter((part) => part.startsWith(ruleName))
    .join();

describe("incident correlation, a batch at a time", () => {
  it("decides each event as if it came alone after the batch's earlier ones", async () => {
    const busy = `rest-${randomUUID()}`;
    const quiet = `rest-${randomUUID()}`;
    const city = randomUUID();
    const events = [
      ...Array.from({ length: 8 }, (_, i) => ticketEvent(busy, i, `r${i % 4}`, city)),
      ...Array.from({ length: 3 }, (_, i) => ticketEvent(quiet, i, `q${i}`)),
    ];
    const notSomeMember: DeliveredEvent = { ...ticketEvent(busy, 0, "x"), type: "TicketUpdated" };
    const notes = await correlateMemberEvents.batch(db, contextOf, [...events, notSomeMember]);

    const [incident, ...others] = await incidentsFor(busy);
    expect(others).toHaveLength(0);
    expect(notes.slice(0, 4).map(mine)).toEqual(
      [1, 2, 3, 4].map((n) => `${ruleName}: ${n} counted, ${n} reporters`),
    );
    expect(mine(notes[4]!)).toBe(`${ruleName}: opened incident #${incident!.number}`);
    expect(notes.slice(5, 8).map(mine)).toEqual(
      Array(3).fill(`${ruleName}: joined incident #${incident!.number}`),
    );
    expect(notes.slice(8, 11).map(mine)).toEqual(
      [1, 2, 3].map((n) => `${ruleName}: ${n} counted, ${n} reporters`),
    );
    expect(notes[11]).toBe("not a member event (TicketUpdated)");
    expect(await incidentsFor(quiet)).toEqual([]);

    expect(incident!.members.map((m) => m.memberId).sort()).toEqual(
      events
        .slice(0, 8)
        .map((e) => e.aggregateId)
        .sort(),
    );
    expect(incident!.lastMemberAt).toEqual(events[7]!.occurredAt);
    // Keyed on the restaurant, charted in its city.
    expect(incident!.cityId).toBe(city);
    // Each event names the member event that caused it: the opening event for the first five, then each joiner.
    const recorded = await db.domainEvent.findMany({
      where: { aggregateId: incident!.id },
      orderBy: { seq: "asc" },
    });
    expect(recorded.map((e) => e.type)).toEqual([
      "IncidentDeclared",
      ...Array(8).fill("IncidentMemberJoined"),
    ]);
    expect(recorded.map((e) => e.causationId)).toEqual([
      ...Array(6).fill(events[4]!.id),
      ...events.slice(5, 8).map((e) => e.id),
    ]);
    const candidates = await db.correlationCandidate.findMany({ where: { ruleId, keyValue: busy } });
    expect(candidates.every((c) => c.incidentId === incident!.id)).toBe(true);

    // The same batch again, as after a crash between its commit and the deliveries marked done.
    const again = await correlateMemberEvents.batch(db, contextOf, events);
    expect(again.map(mine)).toEqual(Array(events.length).fill(`${ruleName}: seen before`));
    const [same] = await incidentsFor(busy);
    expect(same!.members).toHaveLength(8);
    expect(await db.domainEvent.count({ where: { aggregateId: incident!.id } })).toBe(9);
  });

  it("opens one incident when two batches of one key run at once", async () => {
    const restaurant = `rest-${randomUUID()}`;
    const events = Array.from({ length: 20 }, (_, i) => ticketEvent(restaurant, i % 10, `r${i % 5}`));
    await Promise.all([
      correlateMemberEvents.batch(
        db,
        contextOf,
        events.filter((_, i) => i % 2 === 0),
      ),
      correlateMemberEvents.batch(
        db,
        contextOf,
        events.filter((_, i) => i % 2 === 1),
      ),
    ]);
    const [incident, ...others] = await incidentsFor(restaurant);
    expect(others).toHaveLength(0);
    expect(incident!.members.map((m) => m.memberId).sort()).toEqual(events.map((e) => e.aggregateId).sort());
  });

  it("handles the rest of a claimed batch when one of its events fails", async () => {
    const restaurant = `rest-${randomUUID()}`;
    const good = Array.from({ length: 5 }, (_, i) => ticketEvent(restaurant, 0, `r${i}`));
    const inputs = [
      ...good.slice(0, 2),
      // A TicketCreated whose payload fails its schema: a consumer failure, never a silent skip.
      { ...good[0]!, aggregateId: randomUUID(), payload: { restaurantId: restaurant } },
      ...good.slice(2),
    ].map((event) => ({
      type: event.type,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      payload: event.payload as never,
    }));
    const [, , bad] = await db.$transaction((tx) => recordEvents(tx, systemContext("test"), inputs));

    await drain("incidents.correlation");
    const [incident] = await incidentsFor(restaurant);
    expect(incident?.members).toHaveLength(5);
    const failed = await db.eventDelivery.findFirstOrThrow({
      where: { consumer: "incidents.correlation", eventId: bad!.id },
    });
    expect(failed.status).toBe("pending");
    expect(failed.lastError).toMatch(/ZodError|payload/i);
  });
});
