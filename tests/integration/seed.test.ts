import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex, verifyPassword } from "../../server/auth/hash.ts";
import { applyMigrations } from "../../server/db/migrate.ts";
import { DEMO_ACCOUNTS, DEMO_API_CLIENT } from "../../server/seed/demo-accounts.ts";
import { seedDatabase, type SeedResult } from "../../server/seed/index.ts";
import { SEED_CALENDAR } from "../../server/seed/ticket-timeline.ts";
import { priorityWeight } from "../../server/tickets/routing.ts";
import { storedSla, type SlaColumns } from "../../server/tickets/sla-fields.ts";
import { TICKET_PRIORITIES } from "../../server/tickets/types.ts";
import { createScratchDatabase } from "../support/databases.ts";

// The seed gets its own scratch databases: it fills a whole database, and the shared one belongs to other tests.
const SERVER_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const NOW = new Date("2026-11-20T03:17:42Z");
const SEED_TIMEOUT = 180_000;
// 6 cities × 7 metrics × 30 days of 5-minute buckets, less Sapporo's half-hour feed gap (6 buckets × 7 metrics).
const INDICATOR_ROWS = 6 * 7 * 8640 - 6 * 7;

// Load units as routing counts them (P1 4 … P4 1).
const WEIGHT_SQL = `CASE t.priority ${TICKET_PRIORITIES.map((p) => `WHEN '${p}' THEN ${priorityWeight(p)}`).join(" ")} END`;

type Scratch = Awaited<ReturnType<typeof createScratchDatabase>>;

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const count = async (url: string, table: string) =>
  (await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM "${table}"`))[0]?.n;

describe("seedDatabase", () => {
  let first: Scratch;
  let second: Scratch | undefined;
  let result: SeedResult;

  beforeAll(async () => {
    first = await createScratchDatabase(SERVER_URL, "seed");
    await applyMigrations(first.url);
    result = await seedDatabase(first.url, { now: NOW });
  }, SEED_TIMEOUT);

  afterAll(async () => {
    await first?.drop();
    await second?.drop();
  });

  it("fills every area with the expected amounts", async () => {
    expect(result.seeded).toBe(true);
    expect(await count(first.url, "City")).toBe(6);
    expect(await count(first.url, "Team")).toBe(3);
    expect(await count(first.url, "User")).toBe(44);
    expect(await count(first.url, "Ticket")).toBe(20_000);
    expect(await count(first.url, "RiskCase")).toBe(300);
    expect(await count(first.url, "CityIndicator")).toBe(INDICATOR_ROWS);
    expect(await count(first.url, "Holiday")).toBeGreaterThanOrEqual(30);
    expect(result.counts.tickets).toBe(20_000);
    expect(result.counts.cityIndicators).toBe(INDICATOR_ROWS);

    const pairs = await query<{ n: number }>(
      first.url,
      `SELECT count(DISTINCT (status, priority))::int AS n FROM "Ticket"`,
    );
    expect(pairs[0]?.n).toBe(5 * 4);
    const risk = await query<{ types: number; levels: number; bad: number }>(
      first.url,
      `SELECT count(DISTINCT type)::int AS types, count(DISTINCT level)::int AS levels,
              count(*) FILTER (WHERE level <> CASE WHEN score >= 90 THEN 'critical' WHEN score >= 70 THEN 'high'
                                                   WHEN score >= 40 THEN 'medium' ELSE 'low' END::"RiskLevel"
                                  OR (status = 'closed') <> ("openKey" IS NULL))::int AS bad
         FROM "RiskCase"`,
    );
    expect(risk[0]).toEqual({ types: 7, levels: 4, bad: 0 });
  });

  it("keeps tickets consistent with their status, team and agents' capacity", async () => {
    const [row] = await query<Record<string, number>>(
      first.url,
      `SELECT count(*) FILTER (WHERE status IN ('resolved', 'closed') AND ("resolvedAt" IS NULL OR "slaDueAt" IS NOT NULL))::int AS done,
              count(*) FILTER (WHERE status = 'closed' AND "closedAt" IS NULL)::int AS closed,
              count(*) FILTER (WHERE status = 'new' AND "firstRespondedAt" IS NOT NULL)::int AS fresh,
              count(*) FILTER (WHERE "createdAt" > $1 OR "updatedAt" > $1)::int AS future
         FROM "Ticket"`,
      [NOW],
    );
    expect(row).toEqual({ done: 0, closed: 0, fresh: 0, future: 0 });
    const overloaded = await query(
      first.url,
      `SELECT t."assigneeId" FROM "Ticket" t JOIN "AgentProfile" p ON p."userId" = t."assigneeId"
        WHERE t.status IN ('new', 'open', 'pending')
        GROUP BY t."assigneeId", p.capacity
       HAVING sum(${WEIGHT_SQL}) > p.capacity`,
    );
    expect(overloaded).toEqual([]);
    const wrongTeam = await query(
      first.url,
      `SELECT t.id FROM "Ticket" t JOIN "User" u ON u.id = t."assigneeId" WHERE u."teamId" <> t."teamId"`,
    );
    expect(wrongTeam).toEqual([]);
  });

  it("gives tickets the SLA deadlines of the real policy on the seeded business calendar", async () => {
    // Without a resolution breach the priority is still the created one (the sweep raises it on such a breach);
    // pending tickets' deadlines move with the clock, so they are left out.
    const tickets = await query<SlaColumns & { id: string; firstResponseDueAt: Date; resolutionDueAt: Date }>(
      first.url,
      `SELECT id, "createdAt", priority, "slaPauses", "slaPausedAt", "firstRespondedAt", "resolvedAt",
              "firstResponseBreachedAt", "resolutionBreachedAt", "firstResponseDueAt", "resolutionDueAt"
         FROM "Ticket" WHERE status <> 'pending' AND "resolutionBreachedAt" IS NULL ORDER BY number LIMIT 500`,
    );
    expect(new Set(tickets.map((t) => t.priority)).size).toBe(4);
    for (const t of tickets) {
      const expected = storedSla(t, SEED_CALENDAR, NOW, false);
      expect({ id: t.id, fr: t.firstResponseDueAt, res: t.resolutionDueAt }).toEqual({
        id: t.id,
        fr: expected.firstResponseDueAt,
        res: expected.resolutionDueAt,
      });
    }
  });

  it("rolls indicators up consistently with the raw points", async () => {
    const [raw] = await query<{ sum: number; n: number; min: number; max: number; hour: Date }>(
      first.url,
      `SELECT sum(i.value) AS sum, count(*)::int AS n, min(i.value) AS min, max(i.value) AS max,
              date_trunc('hour', i."bucketStart") AS hour
         FROM "CityIndicator" i JOIN "City" c ON c.id = i."cityId"
        WHERE c.code = 'TYO' AND i.metric = 'orders'
          AND date_trunc('hour', i."bucketStart") = date_trunc('hour', $1::timestamp - interval '1 day')
        GROUP BY 5`,
      [NOW.toISOString().replace("Z", "")],
    );
    const [hourly] = await query<{ sum: number; count: number; min: number; max: number }>(
      first.url,
      `SELECT h.sum, h.count, h.min, h.max FROM "CityIndicatorHourly" h JOIN "City" c ON c.id = h."cityId"
        WHERE c.code = 'TYO' AND h.metric = 'orders' AND h."bucketStart" = $1`,
      [raw?.hour],
    );
    expect(raw?.n).toBe(12);
    expect(hourly).toMatchObject({ count: 12, min: raw?.min, max: raw?.max });
    expect(hourly?.sum).toBeCloseTo(raw?.sum ?? NaN, 6);
    const [totals] = await query<{ raw: number; daily: number; hourly: number }>(
      first.url,
      `SELECT (SELECT sum(value) FROM "CityIndicator" WHERE metric = 'supply') AS raw,
              (SELECT sum(sum) FROM "CityIndicatorDaily" WHERE metric = 'supply') AS daily,
              (SELECT sum(sum) FROM "CityIndicatorHourly" WHERE metric = 'supply') AS hourly`,
    );
    expect(totals?.daily).toBeCloseTo(totals?.raw ?? NaN, 3);
    expect(totals?.hourly).toBeCloseTo(totals?.raw ?? NaN, 3);
  });

  it("creates the demo sign-ins, API client and one audit entry", async () => {
    for (const account of [DEMO_ACCOUNTS[0], DEMO_ACCOUNTS[3]]) {
      const [user] = await query<{ passwordHash: string }>(
        first.url,
        `SELECT "passwordHash" FROM "User" WHERE email = $1`,
        [account?.email],
      );
      expect(await verifyPassword(account?.password ?? "", user?.passwordHash ?? "")).toBe(true);
    }
    const [agent] = await query<{ key: string; capacity: number }>(
      first.url,
      `SELECT t.key, p.capacity FROM "User" u JOIN "Team" t ON t.id = u."teamId" JOIN "AgentProfile" p ON p."userId" = u.id
        WHERE u.email = 'agent@demo.ops'`,
    );
    expect(agent?.key).toBe("consumer");
    const [client] = await query<{ secretHash: string }>(
      first.url,
      `SELECT "secretHash" FROM "ApiClient" WHERE "clientId" = $1`,
      [DEMO_API_CLIENT.clientId],
    );
    expect(client?.secretHash).toBe(sha256Hex(DEMO_API_CLIENT.clientSecret));
    const audit = await query<{ details: { counts: Record<string, number> } }>(
      first.url,
      `SELECT details FROM "AuditLog" WHERE action = 'seed.applied' AND "actorType" = 'system'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details.counts).toEqual(result.counts);
  });

  it("announces the firing alerts to the consumers, so their tickets open when the console starts", async () => {
    const rows = await query<{ consumer: string; status: string; opensTicket: boolean; city: string }>(
      first.url,
      `SELECT d.consumer, d.status, r."opensTicket", c.code AS city
         FROM "EventDelivery" d
         JOIN "DomainEvent" e ON e.seq = d."eventSeq"
         JOIN "Alert" a ON a.id::text = e."aggregateId"
         JOIN "AlertRule" r ON r.id = a."ruleId"
         JOIN "City" c ON c.id = a."cityId"
        WHERE e.type = 'AlertTriggered' AND a.state = 'firing'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.status === "pending")).toBe(true);
    // Osaka's courier shortage fires a rule that opens a ticket: the demo shows the consumer opening it.
    expect(rows).toContainEqual({
      consumer: "tickets.alert-tickets",
      status: "pending",
      opensTicket: true,
      city: "OSA",
    });
  });

  it("has a user for every demo sign-in the README names", async () => {
    const readme = await readFile(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
    const named = [...new Set(readme.match(/[\w.+-]+@demo\.ops\b/g))];
    expect(named.length).toBeGreaterThan(DEMO_ACCOUNTS.length); // the demo accounts and a seeded agent
    const found = await query<{ email: string }>(
      first.url,
      `SELECT email FROM "User" WHERE email = ANY($1)`,
      [named],
    );
    expect(found.map((u) => u.email).sort()).toEqual(named.sort());
  });

  it(
    "skips an already seeded database without writing anything",
    async () => {
      const again = await seedDatabase(first.url, { now: NOW });
      expect(again).toEqual({ seeded: false, counts: result.counts });
      expect(await count(first.url, "AuditLog")).toBe(1);
    },
    SEED_TIMEOUT,
  );

  it(
    "produces the same data from the same `now`",
    async () => {
      second = await createScratchDatabase(SERVER_URL, "seed");
      await applyMigrations(second.url);
      await seedDatabase(second.url, { now: new Date(NOW.getTime() + 60_000) }); // same 5-minute bucket
      const fingerprint = `SELECT array_agg(subject ORDER BY number) AS subjects,
                                (SELECT array_agg(score ORDER BY number) FROM "RiskCase") AS scores,
                                (SELECT round(sum(value)::numeric, 3) FROM "CityIndicator") AS indicators
                           FROM "Ticket"`;
      const [a] = await query(first.url, fingerprint);
      const [b] = await query(second.url, fingerprint);
      expect(b).toEqual(a);
    },
    SEED_TIMEOUT,
  );
});
