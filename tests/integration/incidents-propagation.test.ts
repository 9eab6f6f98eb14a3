import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import type { EventType } from "../../server/events/types.ts";
import { incidentRoom } from "../../server/incidents/queries.ts";
import { saveCorrelationRule } from "../../server/incidents/rule-service.ts";
import { changeIncidentState, postIncidentUpdate } from "../../server/incidents/service.ts";
import { isAppError } from "../../server/lib/errors.ts";
import { systemContext, userContext } from "../../server/lib/service-context.ts";
import { applyIncidentTicketBatch } from "../../server/tickets/incident-consumer.ts";
import { createTicket } from "../../server/tickets/create.ts";
import { updateTicket } from "../../server/tickets/service.ts";
import { drain } from "../support/backbone.ts";
import { createUser } from "../support/fixtures.ts";
import { supportTeams } from "../support/tickets.ts";

// Tickets about one restaurant, created through the tickets service, carry the restaurant and the requester's key
// in TicketCreated and open one incident; the commander's public update reaches every linked ticket through the
// tickets domain's consumer (versions bumped, first response stopped, a redelivery changing nothing); resolving
// with the tickets resolves them.

const db = getDb();
let admin: Awaited<ReturnType<typeof createUser>>;
// Other files' rules may take the same tickets in a shared database: this file reads its own rule's incidents.
let ruleId = "";

beforeAll(async () => {
  await supportTeams();
  admin = await createUser(["admin"]);
  ({ id: ruleId } = await saveCorrelationRule(db, userContext(admin, "rule"), {
    name: `Propagation restaurant ${randomUUID()}`,
    definition: {
      key: "restaurant",
      windowMinutes: 60,
      maxWindowMinutes: 240,
      minCount: 4,
      minReporters: 3,
      members: [{ kind: "ticket", categories: ["order_issue"] }],
      priority: "P2",
      title: "Order issues at {key}",
    },
  }));
});

async function ticketsAbout(restaurantId: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { ticket } = await createTicket(db, systemContext("test"), {
      subject: `Order ${i} never came`,
      description: "Waited an hour",
      priority: "P3",
      category: "order_issue",
      source: "consumer",
      language: "ja",
      requesterName: `Requester ${i}`,
      requesterEmail: `req-${i % 3}-${restaurantId}@example.test`,
      restaurantId,
    });
    ids.push(ticket.id);
  }
  return ids;
}

const eventsOf = (type: EventType, aggregateId: string) =>
  db.domainEvent.findMany({ where: { type, aggregateId }, orderBy: { seq: "asc" } });

async function incidentOf(restaurantId: string) {
  await drain("incidents.correlation");
  const incidents = await db.incident.findMany({
    where: { restaurantId, ruleId },
    include: { members: true },
  });
  expect(incidents).toHaveLength(1);
  return incidents[0]!;
}

describe("incident propagation to linked tickets", () => {
  it("TicketCreated names the restaurant and the requester's key; correlation counts reporters by it", async () => {
    const restaurant = `rest-${randomUUID()}`;
    const [first] = await ticketsAbout(restaurant, 3);
    const [created] = await eventsOf("TicketCreated", first!);
    expect(created?.payload).toMatchObject({ restaurantId: restaurant, requesterKey: expect.any(String) });
    expect(JSON.stringify(created?.payload)).not.toContain("@example.test");
    // Three tickets from three requesters: below the minimum count of four.
    await drain("incidents.correlation");
    expect(await db.incident.count({ where: { restaurantId: restaurant, ruleId } })).toBe(0);
    await ticketsAbout(restaurant, 1);
    const incident = await incidentOf(restaurant);
    expect(incident.members).toHaveLength(4);
  });

  it("a public update reaches every linked ticket once, as a public reply that bumps its version", async () => {
    const restaurant = `rest-${randomUUID()}`;
    const ids = await ticketsAbout(restaurant, 5);
    const incident = await incidentOf(restaurant);
    const before = await db.ticket.findMany({ where: { id: { in: ids } } });
    const update = await postIncidentUpdate(db, userContext(admin, "update"), {
      incidentId: incident.id,
      visibility: "public",
      body: "The restaurant's kitchen is back; your orders are on their way.",
    });
    expect(update.visibility).toBe("public");
    const [batch, ...more] = await eventsOf("IncidentTicketBatchDue", incident.id);
    expect(more).toHaveLength(0);
    expect(batch?.payload).toMatchObject({ action: "public_reply", batch: 1, batches: 1 });
    expect((batch?.payload as { ticketIds: string[] }).ticketIds.sort()).toEqual([...ids].sort());

    await drain("tickets.incident-propagation");
    // Handled without a failure: the delivery is gone, not waiting for a retry or dead.
    const deliveries = await db.eventDelivery.findMany({
      where: { consumer: "tickets.incident-propagation", eventId: batch!.id },
    });
    expect(deliveries).toEqual([]);
    const after = await db.ticket.findMany({ where: { id: { in: ids } }, include: { comments: true } });
    for (const ticket of after) {
      const was = before.find((t) => t.id === ticket.id)!;
      expect(ticket.version).toBe(was.version + 1);
      expect(ticket.comments.map((c) => [c.visibility, c.body])).toEqual([["public", update.body]]);
      // A public reply is the first response: its SLA clock stops, and a new ticket opens.
      expect(ticket.firstRespondedAt).not.toBeNull();
      expect(ticket.status).toBe("open");
    }
    // An agent holding the version from before the update is refused, not overwritten.
    const stale = await updateTicket(db, userContext(admin, "stale"), {
      id: ids[0]!,
      version: before.find((t) => t.id === ids[0])!.version,
      priority: "P1",
    }).catch((error: unknown) => error);
    expect(isAppError(stale) && stale.code).toBe("CONFLICT");

    // Redelivered after a crash: the tickets this event changed are not answered twice.
    const replay = await applyIncidentTicketBatch(
      db,
      systemContext("tickets.incident-propagation", { causationId: batch!.id }),
      { ...batch!, type: "IncidentTicketBatchDue" },
    );
    expect(replay).toContain("0 answered");
    expect(await db.ticketComment.count({ where: { ticketId: { in: ids } } })).toBe(ids.length);

    // The room's timeline shows the update, with how many tickets it reached, and not the plumbing batches.
    const room = await incidentRoom(db, userContext(admin, "room"), incident.id);
    const types = room.timeline.filter((e) => e.aggregateType === "incident").map((e) => e.type);
    expect(types).toContain("IncidentUpdatePosted");
    expect(types).not.toContain("IncidentTicketBatchDue");
    expect(room.timeline.map((e) => e.type)).toContain("TicketCommented");
  });

  it("an internal note stays in the room", async () => {
    const restaurant = `rest-${randomUUID()}`;
    await ticketsAbout(restaurant, 4);
    const incident = await incidentOf(restaurant);
    await postIncidentUpdate(db, userContext(admin, "note"), {
      incidentId: incident.id,
      visibility: "internal",
      body: "Called the restaurant manager",
    });
    expect(await eventsOf("IncidentTicketBatchDue", incident.id)).toHaveLength(0);
  });

  it("resolving with its tickets resolves the open ones; a ticket resolved already is left alone", async () => {
    const restaurant = `rest-${randomUUID()}`;
    const ids = await ticketsAbout(restaurant, 4);
    const incident = await incidentOf(restaurant);
    const done = await db.ticket.findUniqueOrThrow({ where: { id: ids[0]! } });
    await updateTicket(db, userContext(admin, "solo"), {
      id: done.id,
      version: done.version,
      status: "resolved",
    });
    await changeIncidentState(db, userContext(admin, "resolve"), {
      incidentId: incident.id,
      to: "resolved",
      expectedVersion: incident.version,
      resolveTickets: true,
    });
    const [resolvedEvent] = await eventsOf("IncidentResolved", incident.id);
    expect(resolvedEvent?.payload).toMatchObject({ resolveTickets: 4 });
    await drain("tickets.incident-propagation");
    const tickets = await db.ticket.findMany({ where: { id: { in: ids } }, include: { comments: true } });
    expect(tickets.map((t) => t.status)).toEqual(["resolved", "resolved", "resolved", "resolved"]);
    const resolvedNow = tickets.filter((t) => t.id !== done.id);
    for (const ticket of resolvedNow) {
      expect(ticket.comments.map((c) => c.visibility)).toEqual(["public"]);
      expect(ticket.comments[0]?.body).toContain(`#${incident.number}`);
    }
    expect(tickets.find((t) => t.id === done.id)?.comments).toEqual([]);
    expect(await db.domainEvent.count({ where: { type: "TicketResolved", aggregateId: { in: ids } } })).toBe(
      4,
    );
  });

  it("refuses to resolve tickets on any move but resolving, naming the field", async () => {
    const restaurant = `rest-${randomUUID()}`;
    await ticketsAbout(restaurant, 4);
    const incident = await incidentOf(restaurant);
    const refused = await changeIncidentState(db, userContext(admin, "triage"), {
      incidentId: incident.id,
      to: "triaged",
      expectedVersion: incident.version,
      resolveTickets: true,
    }).catch((error: unknown) => error);
    expect(isAppError(refused) && [refused.code, refused.details]).toEqual([
      "BAD_REQUEST",
      { field: "resolveTickets" },
    ]);
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).state).toBe("detected");
  });
});
