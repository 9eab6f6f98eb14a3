import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { findTicket } from "../../server/tickets/repository.ts";
import { supportTeams } from "../support/tickets.ts";
import { createCity } from "../support/cities.ts";
import { drainInbox, inboxRow, insertInbound } from "../support/hub-inbox.ts";

// The inbox processed a claimed batch at a time: the batch's tickets in one transaction, each still with its own
// events and audit under its inbound event's receipt; an event the batch cannot finish goes the per-event way.

const db = getDb();
const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const at = (seconds: number) => new Date(Date.now() - 3_600_000 + seconds * 1_000).toISOString();

const cancellation = (consumerId: string, cityCode: string, n: number) =>
  insertInbound("OrderCancellationRequested", {
    orderId: id("ord"),
    consumerId,
    restaurantId: id("rst"),
    cityCode,
    reason: "late_delivery",
    requestedAt: at(n),
  });

const externalIdOf = (row: { source: string; eventId: string }) => `inbound:${row.source}:${row.eventId}`;

describe("inbound processing by the batch", () => {
  it("opens a batch's tickets in one transaction, each with its own events and audit, no agent over capacity", async () => {
    await supportTeams();
    // What earlier files left in this database's inbox goes first, so the claim below holds only these events.
    await drainInbox();
    const city = await createCity();
    const consumers = [id("cus"), id("cus"), id("cus"), id("cus")];
    const rows = [];
    for (let n = 0; n < 24; n++) rows.push(await cancellation(consumers[n % 4]!, city.code, n));
    await drainInbox();

    const processed = await Promise.all(rows.map((row) => inboxRow(row.seq)));
    expect(processed.map((row) => row.status)).toEqual(rows.map(() => "routed"));
    const externalIds = rows.map(externalIdOf);
    const tickets = await db.ticket.findMany({ where: { externalId: { in: externalIds } } });
    expect(tickets).toHaveLength(24);
    // One transaction wrote them all: every row carries the same inserting transaction id.
    const [inserting] = await db.$queryRaw<{ transactions: number }[]>`
      SELECT count(DISTINCT xmin::text)::int AS transactions FROM "Ticket" WHERE "externalId" = ANY(${externalIds})`;
    expect(inserting?.transactions).toBe(1);
    // Written as createTicket writes one: the requester encrypted at rest and read back, SLA deadlines set.
    const first = await findTicket(db, tickets[0]!.id);
    expect(first).toMatchObject({
      status: "new",
      priority: "P2",
      category: "delivery_delay",
      cityId: city.id,
    });
    expect(first?.requesterName).toMatch(/^Consumer cus-/);
    expect(tickets[0]!.requesterName).not.toMatch(/^Consumer/);
    expect(first?.firstResponseDueAt?.getTime()).toBeGreaterThan(first!.createdAt.getTime());

    // Each ticket's TicketCreated and its audit entry carry the receipt of the event that opened it.
    const receiptOf = new Map(processed.map((row) => [externalIdOf(row), row.receiptId]));
    const created = await db.domainEvent.findMany({
      where: { type: "TicketCreated", aggregateId: { in: tickets.map((t) => t.id) } },
    });
    expect(created).toHaveLength(24);
    const ticketOf = new Map(tickets.map((t) => [t.id, t]));
    for (const event of created) {
      expect(event.correlationId).toBe(receiptOf.get(ticketOf.get(event.aggregateId)!.externalId!));
    }
    expect(await db.auditLog.count({ where: { eventId: { in: created.map((e) => e.id) } } })).toBe(24);

    // Routing kept every agent within capacity across the batch (loads counted as routing counts them).
    const over = await db.$queryRaw<{ id: string }[]>`
      SELECT p."userId" AS id FROM "AgentProfile" p
       WHERE p.capacity < (SELECT coalesce(sum(CASE t.priority WHEN 'P1' THEN 4 WHEN 'P2' THEN 3 WHEN 'P3' THEN 2
                                                              ELSE 1 END), 0)
                             FROM "Ticket" t
                            WHERE t."assigneeId" = p."userId" AND t.status IN ('new', 'open', 'pending'))`;
    expect(over).toEqual([]);
    const assignments = await db.ticketAssignment.count({
      where: { ticketId: { in: tickets.map((t) => t.id) } },
    });
    expect(assignments).toBe(24);

    // Six cancellations each in a day: every consumer is signalled, the signals join one case per consumer.
    const signals = await db.riskSignal.findMany({ where: { subjectId: { in: consumers } } });
    expect(new Set(signals.map((s) => s.subjectId))).toEqual(new Set(consumers));
    expect(new Set(signals.map((s) => s.caseId)).size).toBe(4);

    // Processing the same events again (a crash before their outcome was stored) makes nothing twice.
    await db.inboundEvent.updateMany({
      where: { seq: { in: rows.map((row) => row.seq) } },
      data: { status: "pending", availableAt: new Date() },
    });
    await drainInbox();
    expect(await db.ticket.count({ where: { externalId: { in: externalIds } } })).toBe(24);
    expect(
      await db.domainEvent.count({
        where: { type: "TicketCreated", aggregateId: { in: tickets.map((t) => t.id) } },
      }),
    ).toBe(24);
    expect(await db.riskSignal.count({ where: { subjectId: { in: consumers } } })).toBe(signals.length);
  });

  it("sends the events of a failed group the per-event way: the refused one is dead-lettered, the rest routed", async () => {
    await supportTeams();
    const city = await createCity();
    const good = [];
    for (let n = 0; n < 5; n++) good.push(await cancellation(id("cus"), city.code, n));
    // A city no one knows: the tickets domain refuses this ticket, which fails the batch's ticket transaction.
    const refused = await cancellation(id("cus"), "QZZ", 0);
    await drainInbox();

    expect(await inboxRow(refused.seq)).toMatchObject({ status: "dead", failureClass: "downstream" });
    for (const row of good) expect((await inboxRow(row.seq)).status).toBe("routed");
    expect(await db.ticket.count({ where: { externalId: { in: good.map(externalIdOf) } } })).toBe(5);
    expect(await db.ticket.count({ where: { externalId: externalIdOf(refused) } })).toBe(0);
  });
});
