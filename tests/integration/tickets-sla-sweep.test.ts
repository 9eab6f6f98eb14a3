import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET, POST } from "../../app/api/cron/sla/route.ts";
import { getDb } from "../../server/db/client.ts";
import { fixedClock, systemContext } from "../../server/lib/service-context.ts";
import { escalationForBreach } from "../../server/tickets/sla-policy.ts";
import { bumpedPrioritySql } from "../../server/tickets/sla-sweep-sql.ts";
import { runSlaSweep } from "../../server/tickets/sla-sweep.ts";
import { TICKET_PRIORITIES, isActiveStatus } from "../../server/tickets/types.ts";
import { listQueue } from "../../server/tickets/queue.ts";
import { queueInput } from "../../server/tickets/contract.ts";
import { freshAgents, newTicket, contextFor } from "../support/tickets.ts";

const db = getDb();
const HOUR_MS = 3_600_000;
const sweepAt = (now: Date, correlationId: string) =>
  systemContext("sla-sweep", { correlationId, clock: fixedClock(now) });

async function eventCounts(ticketIds: string[]) {
  const rows = await db.domainEvent.groupBy({
    by: ["type"],
    where: { aggregateId: { in: ticketIds }, type: { in: ["SlaBreached", "TicketEscalated"] } },
    _count: true,
  });
  return Object.fromEntries(rows.map((r) => [r.type, r._count]));
}

describe("SLA sweep", () => {
  it("escalates each breach exactly once when several sweeps overlap", async () => {
    await freshAgents("consumer", 2, 100);
    const now = new Date();
    // P1 created 5 h ago: both targets missed (15 min, 4 h). P2 created 1 h ago: only the first response (30 min).
    const both = await Promise.all(
      Array.from({ length: 12 }, () => newTicket({ priority: "P1" }, new Date(now.getTime() - 5 * HOUR_MS))),
    );
    const first = await Promise.all(
      Array.from({ length: 12 }, () => newTicket({ priority: "P2" }, new Date(now.getTime() - HOUR_MS))),
    );
    const ids = [...both, ...first].map((t) => t.id);

    const summaries = await Promise.all(
      Array.from({ length: 4 }, () => runSlaSweep(db, sweepAt(now, `sweep-${randomUUID()}`))),
    );
    const total = (key: "firstResponseBreaches" | "resolutionBreaches") =>
      summaries.reduce((n, s) => n + s[key], 0);
    expect(total("firstResponseBreaches")).toBeGreaterThanOrEqual(24);
    expect(total("resolutionBreaches")).toBeGreaterThanOrEqual(12);

    // 24 first-response + 12 resolution breaches: one SlaBreached and one TicketEscalated each.
    expect(await eventCounts(ids)).toEqual({ SlaBreached: 36, TicketEscalated: 36 });
    expect(await db.auditLog.count({ where: { entityId: { in: ids }, action: "SlaBreached" } })).toBe(36);

    const rows = await db.ticket.findMany({ where: { id: { in: ids } }, include: { slaCheck: true } });
    for (const row of rows) {
      const p1 = both.some((t) => t.id === row.id);
      expect(row.firstResponseBreachedAt).not.toBeNull();
      expect(row.escalationLevel).toBe(p1 ? 2 : 1);
      expect(row.version).toBe(2);
      expect(row.priority).toBe(p1 ? "P1" : "P2");
      expect(row.resolutionBreachedAt === null).toBe(!p1);
      expect(row.slaCheck?.dueAt.getTime() ?? null).toBe(p1 ? null : row.resolutionDueAt?.getTime());
    }

    const again = await runSlaSweep(db, sweepAt(now, "sweep-again"));
    expect(again.firstResponseBreaches + again.resolutionBreaches).toBe(0);
    expect(await eventCounts(ids)).toEqual({ SlaBreached: 36, TicketEscalated: 36 });
  });

  it("works through a backlog of many batches, each breach once", async () => {
    await freshAgents("consumer", 2, 100);
    const now = new Date();
    const tickets = await Promise.all(
      Array.from({ length: 11 }, () => newTicket({ priority: "P2" }, new Date(now.getTime() - HOUR_MS))),
    );
    const ids = tickets.map((t) => t.id);
    const summary = await runSlaSweep(db, sweepAt(now, "sweep-backlog"), { batch: 2 });
    // Other tests' tickets may be due too: the counts are at least ours; the events below are exactly ours.
    expect(summary.firstResponseBreaches).toBeGreaterThanOrEqual(11);
    expect(await eventCounts(ids)).toEqual({ SlaBreached: 11, TicketEscalated: 11 });
    expect(await db.ticket.count({ where: { id: { in: ids }, firstResponseBreachedAt: null } })).toBe(0);
  });

  it("escalates a ticket still waiting unassigned once as its SLA nears, and not an assigned one", async () => {
    const now = new Date();
    // P2, 25 minutes old: the 30-minute first response is 83 % used (at risk from 75 %), not yet missed.
    const createdAt = new Date(now.getTime() - 25 * 60_000);
    const [agent] = await freshAgents("consumer", 1, 100);
    const assigned = await newTicket({ priority: "P2" }, createdAt);
    expect(assigned.assignee?.id).toBe(agent?.id);
    await freshAgents("consumer", 1, 0);
    const waiting = await newTicket({ priority: "P2" }, createdAt);
    expect(waiting.assignee).toBeNull();

    const first = await runSlaSweep(db, sweepAt(now, "sweep-unassigned"));
    expect(first.unassignedEscalations).toBeGreaterThanOrEqual(1);
    const again = await runSlaSweep(db, sweepAt(now, "sweep-unassigned-again"));
    expect(again.unassignedEscalations).toBe(0);

    const events = await db.domainEvent.findMany({
      where: {
        aggregateId: { in: [waiting.id, assigned.id] },
        type: { in: ["SlaBreached", "TicketEscalated"] },
      },
    });
    expect(events.map((e) => [e.aggregateId, e.type, e.payload])).toEqual([
      [
        waiting.id,
        "TicketEscalated",
        { kind: "unassigned_at_risk", level: 1, fromPriority: "P2", toPriority: "P2" },
      ],
    ]);
    const row = await db.ticket.findUniqueOrThrow({ where: { id: waiting.id }, include: { slaCheck: true } });
    expect(row).toMatchObject({
      escalationLevel: 1,
      unassignedEscalatedAt: now,
      firstResponseBreachedAt: null,
    });
    // Next: its first-response deadline.
    expect(row.slaCheck?.dueAt).toEqual(row.firstResponseDueAt);

    // The team lead's escalation queue holds it, and only active escalated tickets.
    const queue = await listQueue(
      db,
      contextFor(null, now),
      queueInput.parse({ sla: "escalated", limit: 200 }),
    );
    expect(queue.items.map((item) => item.id)).toContain(waiting.id);
    expect(queue.items.map((item) => item.id)).not.toContain(assigned.id);
    expect(queue.items.every((item) => item.escalationLevel > 0 && isActiveStatus(item.status))).toBe(true);
  });

  it("marks a breach of a waiting ticket that has no at-risk mark, without escalating it for waiting", async () => {
    await freshAgents("consumer", 1, 0);
    const now = new Date();
    // P2 an hour old: its 30-minute first response is missed.
    const ticket = await newTicket({ priority: "P2" }, new Date(now.getTime() - HOUR_MS));
    expect(ticket.assignee).toBeNull();
    await db.ticket.update({ where: { id: ticket.id }, data: { slaAtRiskAt: null } });

    const summary = await runSlaSweep(db, sweepAt(now, "sweep-no-at-risk"));
    expect(summary.firstResponseBreaches).toBeGreaterThanOrEqual(1);
    const row = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { slaCheck: true } });
    expect(row).toMatchObject({
      escalationLevel: 1,
      unassignedEscalatedAt: null,
      firstResponseBreachedAt: now,
    });
    expect(row.slaCheck?.dueAt).toEqual(row.resolutionDueAt);
  });

  it("bumps the priority one level on a resolution breach", async () => {
    await freshAgents("consumer", 1, 100);
    const now = new Date();
    const p2 = await newTicket({ priority: "P2" }, new Date(now.getTime() - 9 * HOUR_MS));
    await runSlaSweep(db, sweepAt(now, "sweep-bump"));
    const row = await db.ticket.findUniqueOrThrow({ where: { id: p2.id } });
    expect(row.priority).toBe("P1");
    const escalated = await db.domainEvent.findMany({
      where: { aggregateId: p2.id, type: "TicketEscalated" },
      orderBy: { seq: "asc" },
    });
    expect(escalated.map((e) => e.payload)).toEqual([
      { kind: "first_response", level: 1, fromPriority: "P2", toPriority: "P2" },
      { kind: "resolution", level: 2, fromPriority: "P2", toPriority: "P1" },
    ]);
  });

  it("evaluates the SQL bump exactly like escalationForBreach", async () => {
    for (const p of TICKET_PRIORITIES) {
      const [row] = await db.$queryRawUnsafe<{ bumped: string }[]>(
        `SELECT ${bumpedPrioritySql('$1::"TicketPriority"')}::text AS bumped`,
        p,
      );
      expect(row?.bumped).toBe(escalationForBreach(p, "resolution").bumpPriorityTo ?? p);
    }
  });

  it("leaves paused tickets alone", async () => {
    await freshAgents("consumer", 1, 100);
    const now = new Date();
    const ticket = await newTicket({ priority: "P1" }, new Date(now.getTime() - 5 * HOUR_MS));
    await db.ticket.update({
      where: { id: ticket.id },
      data: { status: "pending", slaPausedAt: new Date(now.getTime() - 5 * HOUR_MS + 60_000) },
    });
    await runSlaSweep(db, sweepAt(now, "sweep-paused"));
    const row = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { slaCheck: true } });
    expect(row.firstResponseBreachedAt).toBeNull();
    expect(row.slaCheck).toBeNull();
  });

  it("answers the cron route only with the bearer secret", async () => {
    const url = "http://localhost/api/cron/sla";
    expect((await POST(new Request(url, { method: "POST" }))).status).toBe(401);
    expect(
      (await GET(new Request(url, { headers: { authorization: "Bearer wrong-secret-0123456789" } }))).status,
    ).toBe(401);
    const ok = await POST(
      new Request(url, { method: "POST", headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      job: "sla-sweep",
      checked: expect.any(Number),
      durationMs: expect.any(Number),
    });
  });
});
