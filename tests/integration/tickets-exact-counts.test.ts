import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import type { Prisma } from "../../server/db/generated/client.ts";
import { fixedClock, systemContext } from "../../server/lib/service-context.ts";
import { queueInput, type QueueFilter } from "../../server/tickets/contract.ts";
import { listQueue } from "../../server/tickets/queue.ts";
import { changeTicket } from "../../server/tickets/service.ts";
import { runSlaSweep } from "../../server/tickets/sla-sweep.ts";
import {
  ACTIVE_STATUSES,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketStatus,
} from "../../server/tickets/types.ts";
import { contextFor, freshAgents, newTicket, osaka, supportTeams } from "../support/tickets.ts";

const db = getDb();
const HOUR_MS = 3_600_000;

/** A seeded generator (mulberry32), so a failing workload can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Runs the tasks `width` at a time; returns how many succeeded. */
async function inParallel(tasks: (() => Promise<unknown>)[], width: number): Promise<number> {
  let next = 0;
  let succeeded = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      // Refused transitions, version conflicts and deadlock victims roll back whole: the counts must still hold.
      await task().then(
        () => succeeded++,
        () => undefined,
      );
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return succeeded;
}

type KeyRow = { key: string; n: number };

// The counter keys, computed independently of the trigger: straight from the ticket rows.
const FULL_KEY = ["teamId", "status", "priority", "category", "cityId", "assigneeId"];
const ROLLUP_KEY = ["teamId", "assigneeId", "status", "priority"];
const BREACHED = `("firstResponseBreachedAt" IS NOT NULL OR "resolutionBreachedAt" IS NOT NULL)`;

/** Per key of a counter table: its counters summed over the slots, and count(*) of the tickets. */
async function countsByKey(table: string, columns: readonly string[]) {
  const keyOf = (cols: string[]) => `concat_ws('|', ${cols.join(", ")})`;
  const counters = await db.$queryRawUnsafe<KeyRow[]>(
    `SELECT ${keyOf([
      ...columns.map((c) => `NULLIF("${c}"::text, '00000000-0000-0000-0000-000000000000')`),
      "breached",
      "escalated",
    ])} AS key, sum(tickets)::int AS n
       FROM "${table}" GROUP BY 1 HAVING sum(tickets) <> 0 ORDER BY 1`,
  );
  const tickets = await db.$queryRawUnsafe<KeyRow[]>(
    `SELECT ${keyOf([...columns.map((c) => `"${c}"::text`), BREACHED, `"escalationLevel" > 0`])} AS key,
            count(*)::int AS n
       FROM "Ticket" GROUP BY 1 ORDER BY 1`,
  );
  return { counters, tickets };
}

/** What the summary must say, counted by Prisma's own count() per status. */
async function expectedCounts(where: Prisma.TicketWhereInput, statuses: readonly TicketStatus[], now: Date) {
  const breached: Prisma.TicketWhereInput = {
    OR: [
      { firstResponseBreachedAt: { not: null } },
      { resolutionBreachedAt: { not: null } },
      { slaDueAt: { lte: now } },
    ],
  };
  const byStatus: Record<string, number> = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0]));
  let total = 0;
  let breachedTotal = 0;
  for (const status of statuses) {
    byStatus[status] = await db.ticket.count({ where: { AND: [where, { status }] } });
    total += byStatus[status]!;
    breachedTotal += await db.ticket.count({ where: { AND: [where, { status }, breached] } });
  }
  return { total, byStatus, breached: breachedTotal };
}

describe("exact ticket counts", () => {
  const start = new Date();
  const tag = `cnt${randomUUID().slice(0, 8)}`;
  let teamAgents: Record<string, string[]>;
  let cityId: string;
  const ids: string[] = [];
  const rand = random(20261206);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

  beforeAll(async () => {
    const teams = await supportTeams();
    teamAgents = {};
    for (const key of ["consumer", "restaurant", "courier"] as const)
      teamAgents[teams[key]] = (await freshAgents(key, 3, 10_000)).map((a) => a.id);
    cityId = (await osaka()).id;
    // Created over the last hours: some deadlines pass during the workload, some only at the summary's instant.
    const created = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        newTicket(
          {
            subject: i % 3 === 0 ? `${tag} 返金について ${i}` : `配達について ${i}`,
            priority: TICKET_PRIORITIES[i % 4],
            category: TICKET_CATEGORIES[i % TICKET_CATEGORIES.length],
            city: i % 2 === 0 ? "OSA" : undefined,
          },
          new Date(start.getTime() - (i % 8) * HOUR_MS),
        ),
      ),
    );
    ids.push(...created.map((t) => t.id));
  });

  it("keeps every counter equal to count(*) after a concurrent workload", async () => {
    const ticket = () => pick(ids);
    const change = (id: string, change: Parameters<typeof changeTicket>[2]["change"], comment?: string) =>
      changeTicket(db, contextFor(null, start), {
        id,
        version: null,
        change,
        comment: comment === undefined ? undefined : { body: comment, visibility: "internal" },
      });
    const teamOf = async (id: string) =>
      (await db.ticket.findUniqueOrThrow({ where: { id }, select: { teamId: true } })).teamId;

    const operations: Record<string, () => Promise<unknown>> = {
      status: () => change(ticket(), { status: pick(TICKET_STATUSES) }),
      resolve: () => change(ticket(), { status: "resolved" }),
      reopen: () => change(ticket(), { status: "open" }),
      priority: () => change(ticket(), { priority: pick(TICKET_PRIORITIES) }),
      category: () => change(ticket(), { category: pick(TICKET_CATEGORIES) }),
      reassign: async () => {
        const id = ticket();
        const agents = teamAgents[await teamOf(id)] ?? [];
        return change(id, { assigneeId: rand() < 0.25 ? null : pick(agents) }, "reassigned");
      },
      create: async () => {
        const created = await newTicket(
          {
            subject: `${tag} 新規`,
            priority: pick(TICKET_PRIORITIES),
            city: rand() < 0.5 ? "OSA" : undefined,
          },
          new Date(start.getTime() - rand() * 6 * HOUR_MS),
        );
        ids.push(created.id);
      },
      // Several statements of one transaction over several rows: a set-based update, then a delete.
      bulk: () =>
        db.$transaction([
          db.$executeRaw`UPDATE "Ticket" SET priority = 'P2', "cityId" = ${cityId}::uuid
                          WHERE id = ANY(${[ticket(), ticket(), ticket()]}::uuid[])`,
          db.$executeRaw`UPDATE "Ticket" SET "assigneeId" = NULL, "escalationLevel" = "escalationLevel" + 1
                          WHERE id = ANY(${[ticket(), ticket()]}::uuid[])`,
        ]),
      delete: () => db.$executeRaw`DELETE FROM "Ticket" WHERE id = ${ticket()}::uuid`,
      // A transaction that fails after writing: its counter deltas roll back with it.
      rollback: () =>
        db.$transaction(async (tx) => {
          await tx.$executeRaw`UPDATE "Ticket" SET status = 'closed' WHERE id = ${ticket()}::uuid`;
          throw new Error("rolled back on purpose");
        }),
      sweep: () =>
        runSlaSweep(
          db,
          systemContext("sla-sweep", {
            correlationId: `counts-${randomUUID()}`,
            clock: fixedClock(new Date(start.getTime() + rand() * 6 * HOUR_MS)),
          }),
        ),
    };
    const names = Object.keys(operations);
    const tasks = Array.from({ length: 400 }, () => operations[pick(names)]!);
    const succeeded = await inParallel(tasks, 12);
    expect(succeeded).toBeGreaterThan(200);

    for (const [table, columns] of [
      ["TicketCount", FULL_KEY],
      ["TicketCountRollup", ROLLUP_KEY],
    ] as const) {
      const { counters, tickets } = await countsByKey(table, columns);
      expect(tickets.length).toBeGreaterThan(20);
      expect(counters).toEqual(tickets);
    }
  });

  it("answers the queue summary with count(*) for every kind of filter", async () => {
    // Later than the sweeps: some deadlines have passed without a recorded breach.
    const now = new Date(start.getTime() + 8 * HOUR_MS);
    const unmarked = await db.ticket.count({
      where: { slaDueAt: { lte: now }, firstResponseBreachedAt: null, resolutionBreachedAt: null },
    });
    expect(unmarked).toBeGreaterThan(0);
    const [consumer, agents] = Object.entries(teamAgents)[0]!;
    const agent = agents[0]!;
    const unbreached: Prisma.TicketWhereInput = {
      firstResponseBreachedAt: null,
      resolutionBreachedAt: null,
      OR: [{ slaDueAt: null }, { slaDueAt: { gt: now } }],
    };
    const cases: [Partial<QueueFilter>, Prisma.TicketWhereInput][] = [
      [{}, {}],
      [{ teamId: consumer }, { teamId: consumer }],
      [{ assignee: "unassigned" }, { assigneeId: null }],
      [{ assignee: agent, status: ["open", "pending"] }, { assigneeId: agent }],
      [
        { priority: ["P1", "P2"], category: ["delivery_delay", "refund_request"], cityId },
        { priority: { in: ["P1", "P2"] }, category: { in: ["delivery_delay", "refund_request"] }, cityId },
      ],
      [
        { sla: "breached" },
        {
          OR: [
            { firstResponseBreachedAt: { not: null } },
            { resolutionBreachedAt: { not: null } },
            { slaDueAt: { lte: now } },
          ],
        },
      ],
      [{ sla: "not_breached" }, unbreached],
      [{ sla: "escalated" }, { escalationLevel: { gt: 0 }, status: { in: [...ACTIVE_STATUSES] } }],
      [{ sla: "at_risk" }, { slaAtRiskAt: { lte: now }, slaDueAt: { gt: now } }],
      [{ q: tag }, { subject: { contains: tag } }],
      [
        { q: tag, status: ["open", "resolved"], teamId: consumer },
        { subject: { contains: tag }, teamId: consumer },
      ],
    ];
    for (const [filter, where] of cases) {
      const statuses = filter.status ?? TICKET_STATUSES;
      const page = await listQueue(db, contextFor(null, now), queueInput.parse({ ...filter, limit: 5 }));
      const expected = await expectedCounts(where, statuses, now);
      expect({ filter, summary: page.summary }).toEqual({
        filter,
        summary: {
          ...expected,
          slaComplianceRate:
            expected.total === 0 ? null : (expected.total - expected.breached) / expected.total,
        },
      });
    }
  });
});
