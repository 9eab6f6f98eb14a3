import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../server/audit/verify.ts";
import { sha256Hex, verifyPassword } from "../../server/auth/hash.ts";
import { createPrismaClient } from "../../server/db/client.ts";
import { applyMigrations } from "../../server/db/migrate.ts";
import { DEMO_ACCOUNTS, DEMO_API_CLIENT } from "../../server/seed/demo-accounts.ts";
import { systemContext } from "../../server/lib/service-context.ts";
import { runReport } from "../../server/reports/service.ts";
import { seedDatabase, type SeedResult } from "../../server/seed/index.ts";
import { SEED_CALENDAR } from "../../server/seed/ticket-timeline.ts";
import { priorityWeight } from "../../server/tickets/routing.ts";
import { storedSla, type SlaColumns } from "../../server/tickets/sla-fields.ts";
import { TICKET_PRIORITIES } from "../../server/tickets/types.ts";
import { policyInput, rotationLayer } from "../../server/oncall/contract.ts";
import { whoIsOnCall } from "../../server/oncall/schedule.ts";
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

  it("pages someone out of the box: a weekly Tokyo rotation per support team and for risk, routed policies, in-app", async () => {
    const schedules = await query<{
      name: string;
      teamId: string | null;
      timezone: string;
      layers: unknown;
      leadId: string | null;
    }>(
      first.url,
      `SELECT s.name, s."teamId", s.timezone, s.layers, t."leadId"
         FROM "OncallSchedule" s LEFT JOIN "Team" t ON t.id = s."teamId" ORDER BY s.name`,
    );
    expect(schedules).toHaveLength(4);
    const [demoAgent] = await query<{ id: string }>(
      first.url,
      `SELECT id FROM "User" WHERE email = 'agent@demo.ops'`,
    );
    for (const schedule of schedules) {
      const layers = rotationLayer.array().parse(schedule.layers);
      expect(schedule.timezone).toBe("Asia/Tokyo");
      expect(layers[0]).toMatchObject({ kind: "weekly", handoffMinute: 9 * 60 });
      const onCall = whoIsOnCall({ timezone: schedule.timezone, layers, overrides: [], swaps: [] }, NOW);
      expect(onCall?.userId).toBeDefined();
      if (schedule.teamId === null) continue;
      // Support rotations: 3–4 of the team's agents, never its lead (the lead is the next level).
      expect(layers[0]!.participants.length).toBeGreaterThanOrEqual(3);
      expect(layers[0]!.participants).not.toContain(schedule.leadId);
      const members = await query<{ n: number }>(
        first.url,
        `SELECT count(*)::int AS n FROM "User" WHERE id = ANY($1::uuid[]) AND "teamId" = $2::uuid`,
        [layers[0]!.participants, schedule.teamId],
      );
      expect(members[0]?.n).toBe(layers[0]!.participants.length);
    }
    // The demo agent is on call on the consumer team when the demo starts.
    const consumer = schedules.find((s) => s.name.endsWith("consumer"))!;
    const consumerLayers = rotationLayer.array().parse(consumer.layers);
    expect(
      whoIsOnCall({ timezone: "Asia/Tokyo", layers: consumerLayers, overrides: [], swaps: [] }, NOW)?.userId,
    ).toBe(demoAgent?.id);

    const routes = await query<{ trigger: string; name: string; levels: unknown }>(
      first.url,
      `SELECT r.trigger, p.name, p.levels FROM "EscalationRoute" r JOIN "EscalationPolicy" p ON p.id = r."policyId"
        ORDER BY r.trigger`,
    );
    expect(routes.map((r) => [r.trigger, r.name])).toEqual([
      ["alert.critical", "City on-call"],
      ["risk.critical", "Risk on-call"],
      ["ticket.first_response", "Support on-call"],
      ["ticket.sla_breach", "Support on-call"],
    ]);
    for (const route of routes) {
      const { levels } = policyInput.parse({ name: route.name, levels: route.levels });
      expect(levels.every((l) => l.timeoutMinutes >= 5 && l.timeoutMinutes <= 10)).toBe(true);
      expect(levels.at(-1)?.targets).toEqual([{ kind: "role", role: "admin" }]);
    }
    expect(await count(first.url, "NotificationChannel")).toBe(1);
    const inApp = await query(
      first.url,
      `SELECT 1 FROM "NotificationChannel" WHERE kind = 'in_app' AND enabled`,
    );
    expect(inApp).toHaveLength(1);
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

  it("records every ticket's and risk case's history as events, matching their rows, with nothing to deliver", async () => {
    const [tickets] = await query<Record<string, number>>(
      first.url,
      `WITH e AS (SELECT "aggregateId", type, count(*)::int AS n FROM "DomainEvent" WHERE "aggregateType" = 'ticket'
                  GROUP BY 1, 2)
       SELECT count(*) FILTER (WHERE coalesce(c.n, 0) <> 1)::int AS "createdNotOnce",
              count(*) FILTER (WHERE coalesce(r.n, 0) <> ("resolvedAt" IS NOT NULL)::int)::int AS "resolvedWrong",
              count(*) FILTER (WHERE "firstRespondedAt" IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM "DomainEvent" x WHERE x."aggregateId" = t.id::text AND x.type = 'TicketCommented'
                   AND x."occurredAt" = t."firstRespondedAt" AND x.payload->>'visibility' = 'public'))::int
                AS "answeredWithoutReply"
         FROM "Ticket" t
         LEFT JOIN e c ON c."aggregateId" = t.id::text AND c.type = 'TicketCreated'
         LEFT JOIN e r ON r."aggregateId" = t.id::text AND r.type = 'TicketResolved'`,
    );
    expect(tickets).toEqual({ createdNotOnce: 0, resolvedWrong: 0, answeredWithoutReply: 0 });
    const [risk] = await query<Record<string, number>>(
      first.url,
      `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "DomainEvent" e WHERE e."aggregateId" = c.id::text
                                                   AND e.type = 'RiskDetected'))::int AS undetected,
              count(*) FILTER (WHERE (c."closedAt" IS NOT NULL) <> EXISTS (SELECT 1 FROM "DomainEvent" e
                                 WHERE e."aggregateId" = c.id::text AND e.type = 'CaseClosed'))::int AS "closedWrong"
         FROM "RiskCase" c`,
    );
    expect(risk).toEqual({ undetected: 0, closedWrong: 0 });
    // Each aggregate's events are in the order they happened, and only the firing alerts' are delivered.
    const [order] = await query<{ backwards: number; delivered: string[] }>(
      first.url,
      `SELECT (SELECT count(*)::int FROM (SELECT "occurredAt" < lag("occurredAt") OVER (PARTITION BY "aggregateId"
                                                 ORDER BY seq) AS back FROM "DomainEvent") x WHERE back) AS backwards,
              (SELECT array_agg(DISTINCT "eventType") FROM "EventDelivery") AS delivered`,
    );
    expect(order).toEqual({ backwards: 0, delivered: ["AlertTriggered"] });
  });

  it("fills the reports: SLA compliance over the last 30 days counts tickets of every team", async () => {
    const db = createPrismaClient(first.url);
    try {
      const facts = await db.reportTicketFact.count();
      expect(facts).toBe(20_000);
      const report = await runReport(db, systemContext("seed-test", { clock: { now: () => NOW } }), {
        name: "ticket-sla",
        groupBy: "team",
      });
      expect(report.rows).toHaveLength(3);
      for (const row of report.rows) {
        expect(row.figures.firstResponse?.count).toBeGreaterThan(0);
        expect(row.figures.resolution?.count).toBeGreaterThan(0);
      }
      const risk = await runReport(db, systemContext("seed-test", { clock: { now: () => NOW } }), {
        name: "risk-handling",
      });
      expect(risk.total.figures).not.toEqual({});
      expect(risk.rows.length).toBeGreaterThan(0);
    } finally {
      await db.$disconnect();
    }
  });

  it("chains every event's audit entry: the audit chain verifies", async () => {
    const db = createPrismaClient(first.url);
    try {
      const report = await verifyAuditChain(db);
      expect(report.problems).toEqual([]);
      // One entry per event, and the seed's own.
      expect(report.entries).toBe(result.counts.domainEvents! + 1);
    } finally {
      await db.$disconnect();
    }
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
      const audited = await count(first.url, "AuditLog");
      const again = await seedDatabase(first.url, { now: NOW });
      expect(again).toEqual({ seeded: false, counts: result.counts });
      expect(await count(first.url, "AuditLog")).toBe(audited);
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
                                (SELECT round(sum(value)::numeric, 3) FROM "CityIndicator") AS indicators,
                                (SELECT md5(string_agg(id::text || type, ',' ORDER BY seq)) FROM "DomainEvent") AS events
                           FROM "Ticket"`;
      const [a] = await query(first.url, fingerprint);
      const [b] = await query(second.url, fingerprint);
      expect(b).toEqual(a);
    },
    SEED_TIMEOUT,
  );
});
