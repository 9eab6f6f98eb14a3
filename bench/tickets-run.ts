import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { createCaller } from "../server/api/root.ts";
import type { SessionUser } from "../server/auth/repository.ts";
import { createPrismaClient, type Db } from "../server/db/client.ts";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../server/db/embedded.ts";
import { applyMigrations } from "../server/db/migrate.ts";
import { env } from "../server/lib/env.ts";
import { logger } from "../server/lib/logger.ts";
import { fixedClock, systemContext, userContext } from "../server/lib/service-context.ts";
import { teamScope } from "../server/tickets/access.ts";
import type { QueueInput } from "../server/tickets/contract.ts";
import { countedByCounters } from "../server/tickets/queue-counts.ts";
import { countersSql, scannedCountsSql } from "../server/tickets/queue-counts-repository.ts";
import {
  queuePageSql,
  queueWhere,
  searchHits,
  type QueueConditions,
} from "../server/tickets/queue-repository.ts";
import { runSlaSweep } from "../server/tickets/sla-sweep.ts";
import {
  createIndexes,
  dropTicketIndexes,
  loadReference,
  loadTickets,
  type Reference,
} from "./tickets-data.ts";

// The ticket benchmark (entry point: bench/tickets.ts). A scratch database on DATABASE_URL's server (or an embedded
// PostgreSQL in .data/bench-postgres), 1,000,000 open tickets, then the queue through the tRPC caller vs the
// same SQL on a plain pg pool, the exact summary's SQL vs the page's, search, and the SLA sweep with 10,000 newly
// due. Prints numbers; asserts nothing.

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}`))?.split("=")[1];
const TICKETS = Number(arg("tickets") ?? 1_000_000);
const EXPLAIN = process.argv.includes("--explain");
const REUSE = arg("reuse");
const KEEP = process.argv.includes("--keep") || REUSE !== undefined;
const RUNS = 100;
const NOW = new Date();

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const WARM_UP = 20;

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

/** Times two ways to the same answer in alternation, so a busy moment of the machine hits both alike. */
async function timedPair(
  runs: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<[number[], number[]]> {
  const [timesA, timesB]: [number[], number[]] = [[], []];
  for (let i = 0; i < WARM_UP + runs; i++) {
    for (const [fn, times] of [
      [a, timesA],
      [b, timesB],
    ] as const) {
      const start = performance.now();
      await fn();
      if (i >= WARM_UP) times.push(performance.now() - start);
    }
  }
  return [timesA, timesB];
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const line = (label: string, times: readonly number[]) =>
  `${label.padEnd(46)} p50 ${fmt(percentile(times, 50)).padStart(9)}   p95 ${fmt(percentile(times, 95)).padStart(9)}`;

async function serverUrl(): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(".data/bench-postgres/pg"),
    password: "bench",
  });
  return { url: embedded.url, embedded };
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString(),
  });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/** The teams and agents of a database an earlier run kept (`--reuse=<name>`). */
async function loadedReference(pool: pg.Pool): Promise<Reference> {
  const { rows } = await pool.query<{ team: string; agents: string[] }>(
    `SELECT t.id AS team, array_agg(u.id ORDER BY u.email) AS agents
       FROM "Team" t JOIN "User" u ON u."teamId" = t.id GROUP BY t.id, t.key ORDER BY t.key = 'consumer' DESC, t.key`,
  );
  return { teamIds: rows.map((r) => r.team), agentIds: rows.map((r) => r.agents), cityIds: [] };
}

async function load(url: string): Promise<Reference> {
  console.log(`Loading ${TICKETS.toLocaleString()} tickets…`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    const ref = await loadReference(client);
    const indexes = await dropTicketIndexes(client);
    await loadTickets(client, ref, TICKETS, NOW, (done) =>
      process.stdout.write(`\r  loaded ${done.toLocaleString()} tickets`),
    );
    const loadedAt = performance.now();
    await createIndexes(client, indexes);
    // The bulk load ran without triggers: count its tickets once.
    await client.query(`SELECT ticket_counts_rebuild()`);
    await client.query(`VACUUM ANALYZE "TicketCount"`);
    await client.query(`VACUUM ANALYZE "Ticket"`);
    await client.query(`VACUUM ANALYZE "TicketSearch"`);
    await client.query(`VACUUM ANALYZE "TicketSlaCheck"`);
    console.log(
      `\n  rows in ${fmt(loadedAt - started)}, ${indexes.length} indexes + analyze in ${fmt(performance.now() - loadedAt)}`,
    );
    return ref;
  } finally {
    await client.end();
  }
}

function sessionUser(id: string, roles: SessionUser["roles"], teamId: string | null): SessionUser {
  return {
    id,
    email: `${id}@bench.test`,
    name: "Bench",
    roles,
    permissions: [],
    teamId,
    leadsTeam: false,
    locale: "en",
  };
}

async function compareQueue(db: Db, pool: pg.Pool, label: string, user: SessionUser, input: QueueInput) {
  const caller = createCaller({ db, user, correlationId: "bench", log: logger });
  const { cursor, limit, ...filter } = input;
  const scope = teamScope(userContext(user, "bench", fixedClock(NOW)));
  const assignee = filter.assignee === "me" ? { id: user.id } : filter.assignee;
  const conditions: QueueConditions = {
    ...filter,
    assignee:
      typeof assignee === "string" && assignee !== "any" && assignee !== "unassigned"
        ? { id: assignee }
        : assignee,
  };
  const where = queueWhere(scope, conditions, NOW);
  const run = (sql: { text: string; values: unknown[] }) => pool.query(sql.text, sql.values);
  const page = queuePageSql(where, null, limit + 1);
  const summary = countedByCounters(filter)
    ? countersSql(scope, conditions, NOW)
    : scannedCountsSql(where, NOW, null);
  const [viaCaller, viaSql] = await timedPair(
    RUNS,
    () => caller.tickets.queue(input),
    () => Promise.all([run(page), cursor === undefined ? run(summary) : null]),
  );
  console.log(line(`${label} — tRPC caller`, viaCaller));
  console.log(line(`${label} — same SQL on pg`, viaSql));
  console.log(
    `${"".padEnd(46)} ratio p50 ${(percentile(viaCaller, 50) / percentile(viaSql, 50)).toFixed(2)}×   p95 ${(percentile(viaCaller, 95) / percentile(viaSql, 95)).toFixed(2)}×`,
  );
  // The target: the exact summary's p95 within 1.5× of the page's.
  const [pageTimes, summaryTimes] = await timedPair(
    RUNS,
    () => run(page),
    () => run(summary),
  );
  console.log(line(`${label} — page SQL`, pageTimes));
  console.log(line(`${label} — exact summary SQL`, summaryTimes));
  console.log(
    `${"".padEnd(46)} summary / page p95 ${(percentile(summaryTimes, 95) / percentile(pageTimes, 95)).toFixed(2)}× (target ≤ 1.5×)`,
  );
  if (EXPLAIN) {
    await explain(pool, page);
    await explain(pool, summary);
  }
}

async function explain(pool: pg.Pool, sql: { text: string; values: unknown[] }) {
  const { rows } = await pool.query<{ "QUERY PLAN": string }>(
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql.text}`,
    sql.values,
  );
  console.log(rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n"));
}

const SEARCHES = [
  "配達",
  "遅延",
  "配達遅延",
  "refund",
  "cold meal",
  "店舗123456",
  "order-424242",
  "ログイン",
];

async function searchBench(db: Db, pool: pg.Pool, admin: SessionUser, agent: SessionUser) {
  const all: number[] = [];
  for (const q of SEARCHES) {
    for (const user of [admin, agent]) {
      const caller = createCaller({ db, user, correlationId: "bench", log: logger });
      const times = await timed(10, () => caller.tickets.queue({ q, assignee: "any", limit: 50 }));
      all.push(...times);
      console.log(line(`search "${q}" (${user === admin ? "all teams" : "one team"})`, times));
    }
    if (EXPLAIN) {
      const where = queueWhere({ all: true }, { q, assignee: "any" }, NOW);
      await explain(pool, queuePageSql(where, null, 51, await searchHits(db, where)));
    }
  }
  console.log(line("search, all terms", all));
}

async function sweepBench(db: Db, pool: pg.Pool) {
  const due = new Date(NOW.getTime() - 60_000);
  await pool.query(
    `WITH due AS (
       UPDATE "Ticket" t SET "firstResponseDueAt" = $1, "firstResponseBreachedAt" = NULL,
              "resolutionBreachedAt" = NULL, "escalationLevel" = 0,
              "resolutionDueAt" = CASE WHEN s.n % 2 = 0 THEN $1 ELSE t."resolutionDueAt" END
         FROM (SELECT id, row_number() OVER () AS n FROM "Ticket" WHERE status IN ('new', 'open') LIMIT 10000) s
        WHERE t.id = s.id
       RETURNING t.id
     )
     INSERT INTO "TicketSlaCheck" ("ticketId", "dueAt") SELECT id, $1 FROM due
     ON CONFLICT ("ticketId") DO UPDATE SET "dueAt" = excluded."dueAt"`,
    [due],
  );
  await pool.query(`VACUUM ANALYZE "Ticket"`);
  await pool.query(`VACUUM ANALYZE "TicketSlaCheck"`);
  const open = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Ticket" WHERE status IN ('new', 'open', 'pending')`,
  );
  const summary = await runSlaSweep(db, systemContext("bench-sweep", { clock: fixedClock(NOW) }));
  console.log(`SLA sweep over ${open.rows[0]?.n.toLocaleString()} open tickets: ${JSON.stringify(summary)}`);
  const again = await runSlaSweep(db, systemContext("bench-sweep-again", { clock: fixedClock(NOW) }));
  console.log(`SLA sweep again (nothing due): ${again.durationMs} ms, checked ${again.checked}`);
}

export async function runBenchmark(): Promise<void> {
  const server = await serverUrl();
  const name = REUSE ?? `ops_bench_${randomBytes(4).toString("hex")}`;
  if (REUSE === undefined) await withAdmin(server.url, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = Object.assign(new URL(server.url), { pathname: `/${name}` }).toString();
  const db = createPrismaClient(url);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  try {
    await applyMigrations(url);
    const ref = REUSE === undefined ? await load(url) : await loadedReference(pool);
    const agent = sessionUser(ref.agentIds[0]?.[0] ?? "", ["support_agent"], ref.teamIds[0] ?? null);
    const admin = sessionUser(ref.agentIds[1]?.[0] ?? "", ["admin"], null);
    await compareQueue(db, pool, "agent queue, own team, first page", agent, { assignee: "any", limit: 50 });
    await compareQueue(db, pool, "agent queue, assigned to me", agent, { assignee: "me", limit: 50 });
    await compareQueue(db, pool, "admin, all teams, new/open P1–P2", admin, {
      assignee: "any",
      status: ["new", "open"],
      priority: ["P1", "P2"],
      limit: 50,
    });
    await searchBench(db, pool, admin, agent);
    await sweepBench(db, pool);
  } finally {
    await db.$disconnect();
    await pool.end();
    if (KEEP) console.log(`kept database ${name}`);
    else await withAdmin(server.url, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    await server.embedded?.stop();
  }
}
