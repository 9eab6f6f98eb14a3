import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { recomputeTicketFacts } from "../../server/reports/recompute.ts";
import type { TicketChange } from "../../server/tickets/contract.ts";
import { changeTicket } from "../../server/tickets/service.ts";
import { runSlaSweep } from "../../server/tickets/sla-sweep.ts";
import { drain } from "../support/backbone.ts";
import { contextFor, freshAgents, newTicket } from "../support/tickets.ts";

// The ticket fact rows kept by the reports.ticket-facts consumer, event by event, against the same rows rebuilt
// from the event log by the recompute command.

const db = getDb();
const T0 = new Date("2026-03-09T01:00:00Z");
const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;

async function change(id: string, patch: TicketChange, comment?: "public" | "internal") {
  await changeTicket(db, contextFor(null, T0), {
    id,
    version: null,
    change: patch,
    comment: comment === undefined ? undefined : { body: "返信します", visibility: comment },
  });
}

/** Six life stories, cycled over the priorities: untouched, answered, paused, reopened and closed, moved, pending. */
async function workload(count: number): Promise<string[]> {
  await freshAgents("consumer", 3, 200);
  await freshAgents("restaurant", 1, 200);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const ticket = await newTicket({ priority: PRIORITIES[i % 4], category: "delivery_delay" }, T0);
    ids.push(ticket.id);
    switch (i % 6) {
      case 1:
        await change(ticket.id, {}, "internal");
        await change(ticket.id, {}, "public");
        break;
      case 2:
        await change(ticket.id, { status: "pending" });
        await change(ticket.id, { status: "open" });
        await change(ticket.id, { status: "resolved" });
        break;
      case 3:
        await change(ticket.id, { status: "resolved" });
        await change(ticket.id, { status: "open" });
        await change(ticket.id, { status: "resolved" });
        await change(ticket.id, { status: "closed" });
        break;
      case 4:
        await change(ticket.id, { category: "menu_update", priority: "P2" });
        await change(ticket.id, { status: "resolved" });
        break;
      case 5:
        await change(ticket.id, { status: "pending" });
        break;
    }
  }
  // Three days on, the sweep records the breaches of every clock still running.
  await runSlaSweep(db, contextFor(null, new Date(T0.getTime() + 3 * 86_400_000)));
  return ids;
}

const factsOf = (ids: string[]) =>
  db.reportTicketFact.findMany({ where: { ticketId: { in: ids } }, orderBy: { ticketId: "asc" } });

const comparable = (rows: Awaited<ReturnType<typeof factsOf>>) =>
  rows.map((row) => ({ ...row, updatedAt: null }));

describe("reports: ticket facts", () => {
  it("the incrementally kept facts equal the ones recomputed from the event log", async () => {
    const ids = await workload(24);
    while ((await drain("reports.ticket-facts")) > 0);
    const incremental = await factsOf(ids);
    expect(incremental).toHaveLength(24);

    // What the stories must show, whatever the clock: reopen cycles, the moved team, breaches from the sweep.
    const byId = new Map(incremental.map((fact) => [fact.ticketId, fact]));
    const story = (i: number) => byId.get(ids[i] as string);
    expect(story(3)).toMatchObject({ status: "closed", reopenCount: 1 });
    expect(story(4)).toMatchObject({ category: "menu_update", priority: "P2", status: "resolved" });
    expect(story(4)?.teamId).not.toBe(story(0)?.teamId);
    expect(story(5)).toMatchObject({ status: "pending", resolutionMinutes: null });
    expect(story(1)?.firstResponseAt).not.toBeNull();
    expect(story(0)).toMatchObject({ firstResponseBreached: true, firstResponseMinutes: null });
    // Events carry the wall-clock time they were recorded at; the fact keeps it as UTC, not shifted by a zone.
    expect(Math.abs((story(0)?.createdAt.getTime() ?? 0) - Date.now())).toBeLessThan(10 * 60_000);

    await db.reportTicketFact.deleteMany({ where: { ticketId: { in: ids } } });
    await recomputeTicketFacts(db);
    expect(comparable(await factsOf(ids))).toEqual(comparable(incremental));
  });

  it("a new ticket's fact, folded from its TicketCreated alone, equals the one recomputed from the log", async () => {
    // No agent on shift: the ticket waits unassigned, so TicketCreated is its only event and its fact is the one
    // the consumer folded from the delivered event.
    await freshAgents("consumer", 0, 0);
    const ticket = await newTicket({ priority: "P3", category: "delivery_delay" }, T0);
    const events = await db.domainEvent.findMany({
      where: { aggregateType: "ticket", aggregateId: ticket.id },
    });
    expect(events.map((event) => event.type)).toEqual(["TicketCreated"]);
    while ((await drain("reports.ticket-facts")) > 0);
    const kept = await factsOf([ticket.id]);
    expect(kept).toMatchObject([
      { ticketId: ticket.id, number: ticket.number, status: "new", priority: "P3" },
    ]);
    expect(kept[0]?.lastEventSeq).toBe(events[0]?.seq);

    await db.reportTicketFact.deleteMany({ where: { ticketId: ticket.id } });
    await recomputeTicketFacts(db);
    expect(comparable(await factsOf([ticket.id]))).toEqual(comparable(kept));
  });

  it("a redelivered older event leaves a newer fact as it is", async () => {
    const [id] = await workload(1);
    while ((await drain("reports.ticket-facts")) > 0);
    const before = await db.reportTicketFact.findUniqueOrThrow({ where: { ticketId: id } });
    await db.reportTicketFact.update({
      where: { ticketId: id },
      data: { lastEventSeq: before.lastEventSeq + 1000n },
    });
    await recomputeTicketFacts(db);
    const after = await db.reportTicketFact.findUniqueOrThrow({ where: { ticketId: id } });
    expect(after.lastEventSeq).toBe(before.lastEventSeq + 1000n);
  });
});
