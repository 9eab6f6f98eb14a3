import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { changeTicket } from "../../server/tickets/service.ts";
import { freshAgents, newTicket, contextFor } from "../support/tickets.ts";

const db = getDb();
const jst = (local: string) => new Date(`${local}:00+09:00`);

async function change(
  id: string,
  version: number,
  at: string,
  patch: Parameters<typeof changeTicket>[2]["change"],
  comment?: { body: string; visibility: "public" | "internal" },
) {
  return changeTicket(db, contextFor(null, jst(at)), { id, version, change: patch, comment });
}

describe("SLA bookkeeping on changes", () => {
  it("pauses while pending and moves both business-hours deadlines by the paused business time", async () => {
    await freshAgents("consumer", 1, 100);
    // P3 on Monday 10:00 JST: first response Monday 14:00 (4 business hours), resolution Wednesday 16:00 (24).
    const ticket = await newTicket({ priority: "P3" }, jst("2026-03-09T10:00"));
    expect(ticket.sla).toMatchObject({
      firstResponseDueAt: jst("2026-03-09T14:00"),
      resolutionDueAt: jst("2026-03-11T16:00"),
    });

    const paused = await change(ticket.id, 1, "2026-03-09T11:00", { status: "pending" });
    expect(paused.sla.paused).toBe(true);
    const pausedRow = await db.ticket.findUniqueOrThrow({
      where: { id: ticket.id },
      include: { slaCheck: true },
    });
    expect(pausedRow.slaCheck).toBeNull();
    expect(pausedRow.slaPausedAt).toEqual(jst("2026-03-09T11:00"));

    // Pending Mon 11:00 → Tue 11:00 is 9 business hours (Mon 11–18, Tue 9–11).
    const resumed = await change(ticket.id, 2, "2026-03-10T11:00", { status: "open" });
    expect(resumed.sla).toMatchObject({
      paused: false,
      firstResponseDueAt: jst("2026-03-10T14:00"),
      resolutionDueAt: jst("2026-03-12T16:00"),
    });
    const row = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { slaCheck: true } });
    expect(row.slaPauses).toEqual([
      { from: jst("2026-03-09T11:00").toISOString(), to: jst("2026-03-10T11:00").toISOString() },
    ]);
    expect(row).toMatchObject({
      slaPausedAt: null,
      slaDueAt: jst("2026-03-10T14:00"),
      slaCheck: { dueAt: jst("2026-03-10T14:00") },
    });
  });

  it("stops the first-response clock at the first public reply, not at an internal note", async () => {
    await freshAgents("consumer", 1, 100);
    const ticket = await newTicket({ priority: "P2" }, jst("2026-03-09T10:00"));
    const noted = await change(
      ticket.id,
      1,
      "2026-03-09T10:05",
      {},
      { body: "調査中", visibility: "internal" },
    );
    expect(noted.firstRespondedAt).toBeNull();
    expect(noted.status).toBe("new");
    const replied = await change(
      ticket.id,
      2,
      "2026-03-09T10:10",
      {},
      { body: "ご連絡ありがとうございます", visibility: "public" },
    );
    expect(replied).toMatchObject({ status: "open", firstRespondedAt: jst("2026-03-09T10:10") });
    const row = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { slaCheck: true } });
    // Only the resolution target is still running: it becomes the sort key and the next check.
    expect(row.slaDueAt).toEqual(jst("2026-03-09T18:00"));
    expect(row.slaCheck?.dueAt).toEqual(jst("2026-03-09T18:00"));
    const events = await db.domainEvent.findMany({
      where: { aggregateId: ticket.id },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual([
      "TicketCreated",
      "TicketAssigned",
      "TicketCommented",
      "TicketStatusUpdated",
      "TicketCommented",
    ]);
  });

  it("recomputes deadlines on a priority change and records a late reply as a breach", async () => {
    await freshAgents("consumer", 1, 100);
    const ticket = await newTicket({ priority: "P4" }, jst("2026-03-09T10:00"));
    const raised = await change(ticket.id, 1, "2026-03-09T10:01", { priority: "P1" });
    expect(raised.sla.firstResponseDueAt).toEqual(jst("2026-03-09T10:15"));
    const late = await change(
      ticket.id,
      2,
      "2026-03-09T10:30",
      {},
      { body: "Sorry for the wait", visibility: "public" },
    );
    expect(late.sla.firstResponseBreached).toBe(true);
    const row = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(row.firstResponseBreachedAt).toEqual(jst("2026-03-09T10:30"));
  });

  it("resolves (stopping both clocks), reopens with the resolved time paused, and refuses closed → open", async () => {
    await freshAgents("consumer", 1, 100);
    const ticket = await newTicket({ priority: "P2" }, jst("2026-03-09T10:00"));
    const resolved = await change(ticket.id, 1, "2026-03-09T11:00", { status: "resolved" });
    expect(resolved).toMatchObject({
      status: "resolved",
      resolvedAt: jst("2026-03-09T11:00"),
      firstRespondedAt: jst("2026-03-09T11:00"),
    });
    expect(resolved.sla.dueAt).toBeNull();
    const reopened = await change(ticket.id, 2, "2026-03-09T12:00", { status: "open" });
    // Resolution (8 h) ran 1 h before resolving; the resolved hour does not count.
    expect(reopened.sla.resolutionDueAt).toEqual(jst("2026-03-09T19:00"));
    await change(ticket.id, 3, "2026-03-09T13:00", { status: "resolved" });
    const closed = await change(ticket.id, 4, "2026-03-09T14:00", { status: "closed" });
    expect(closed.closedAt).toEqual(jst("2026-03-09T14:00"));
    await expect(change(ticket.id, 5, "2026-03-09T15:00", { status: "open" })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      userMessage: expect.stringMatching(/closed/),
    });
  });
});
