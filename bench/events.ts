import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import pg from "pg";
import { createPrismaClient } from "../server/db/client.ts";
import { startEmbeddedPostgres } from "../server/db/embedded.ts";
import { applyMigrations } from "../server/db/migrate.ts";
import { createScratchDatabase } from "../tests/support/databases.ts";
import { benchEvent, createFixtures, inboxRows, signatureHeaders } from "./events-data.ts";
import { buildIfStale, startAppServer, startBare401, type Running } from "./events-server.ts";

// npm run bench:events — the inbound event edge, HTTP end to end against the production server (server/cli/
// serve.ts, as npm start runs it) on a scratch database (DATABASE_URL's server, or an embedded PostgreSQL), with
// autocannon beside it on the same machine. Beside each figure, floors measured in the same run: a bare
// node:http 401, Next's 401 (a REST route without a token), a bare INSERT of the same rows on a plain pg pool;
// then what the edge spends per request, from its own timing histograms. Prints figures; asserts nothing.

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const FLOOR_SECONDS = 5;
const IN_FLIGHT = 50;
const BATCH = 500;
const BATCHES_IN_FLIGHT = 4;
const METRICS_TOKEN = "bench-metrics-token-0123456789";

const say = (line = "") => console.log(line);
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => `${n.toFixed(1)} ms`;

type Result = Awaited<ReturnType<typeof autocannon>>;
const count = (result: Result, status: number) => result.statusCodeStats[String(status)]?.count ?? 0;
const perSecond = (n: number, result: Result) => n / result.duration;

async function load(url: string, options: Partial<Parameters<typeof autocannon>[0]>): Promise<Result> {
  return autocannon({ url, connections: IN_FLIGHT, duration: SECONDS, timeout: 10, ...options });
}

function singleEvents(token: string) {
  return {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/cloudevents+json" },
    requests: [{ setupRequest: (req: object) => ({ ...req, body: JSON.stringify(benchEvent()) }) }],
  };
}

function signedEvents() {
  return {
    method: "POST",
    requests: [
      {
        setupRequest: (req: object) => {
          const body = JSON.stringify(benchEvent());
          return {
            ...req,
            body,
            headers: { "content-type": "application/cloudevents+json", ...signatureHeaders(body) },
          };
        },
      },
    ],
  };
}

function batches(token: string) {
  return {
    method: "POST",
    connections: BATCHES_IN_FLIGHT,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/cloudevents-batch+json" },
    requests: [
      {
        setupRequest: (req: object) => ({
          ...req,
          body: JSON.stringify(Array.from({ length: BATCH }, benchEvent)),
        }),
      },
    ],
  };
}

/** The edge's phase histograms (sum and count per phase) from /api/metrics. */
async function edgeTimings(server: Running): Promise<Map<string, { sum: number; count: number }>> {
  const text = await (
    await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  const phases = new Map<string, { sum: number; count: number }>();
  for (const match of text.matchAll(
    /^ops_inbound_edge_seconds_(sum|count)\{[^}]*phase="(\w+)"[^}]*\} (\S+)$/gm,
  )) {
    const [, kind, phase, value] = match;
    const entry = phases.get(phase!) ?? { sum: 0, count: 0 };
    entry[kind as "sum" | "count"] = Number(value);
    phases.set(phase!, entry);
  }
  return phases;
}

async function withEdgeTimings(server: Running, run: () => Promise<Result>) {
  const before = await edgeTimings(server);
  const result = await run();
  const after = await edgeTimings(server);
  const spent = new Map<string, number>();
  for (const [phase, { sum, count: n }] of after) {
    const was = before.get(phase) ?? { sum: 0, count: 0 };
    if (n > was.count) spent.set(phase, ((sum - was.sum) / (n - was.count)) * 1000);
  }
  return { result, spent };
}

function printSpent(spent: Map<string, number>) {
  const phase = (name: string) => ms(spent.get(name) ?? 0);
  const total = spent.get("total") ?? 0;
  const parts = ["auth", "parse", "write", "log"].reduce((sum, name) => sum + (spent.get(name) ?? 0), 0);
  say(
    `    edge time per request (mean): auth ${phase("auth")} · parse + validate ${phase("parse")} · ` +
      `inbox write wait ${phase("write")} · logging ${phase("log")} · other ${ms(Math.max(0, total - parts))} ` +
      `= ${phase("total")}`,
  );
}

const FLOOR_INSERT = `
  INSERT INTO bench_floor ("receiptId", source, "eventId", type, "dataVersion", subject, time, data, "orderingKey",
                           "receivedAt", "receivedVia", status, "availableAt", "failureClass", "lastError", traceparent)
  SELECT "receiptId", source, "eventId", type, "dataVersion", subject, time AT TIME ZONE 'UTC', data, "orderingKey",
         now() AT TIME ZONE 'UTC', "receivedVia", status, now() AT TIME ZONE 'UTC', "failureClass", "lastError",
         traceparent
    FROM json_to_recordset($1::json) AS t("receiptId" uuid, source text, "eventId" text, type text,
      "dataVersion" int, subject text, time timestamptz, data jsonb, "orderingKey" text, "receivedVia" text,
      status text, "failureClass" text, "lastError" text, traceparent text)
  ON CONFLICT (source, "eventId") DO NOTHING`;

/** Rows per second of bare INSERTs of `rows` rows each, `inFlight` at a time, on a pool like the edge's. */
async function insertFloor(pool: pg.Pool, rows: number, inFlight: number): Promise<number> {
  let inserted = 0;
  const until = performance.now() + FLOOR_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < until) {
        await pool.query(FLOOR_INSERT, [JSON.stringify(inboxRows(Array.from({ length: rows }, benchEvent)))]);
        inserted += rows;
      }
    }),
  );
  return inserted / ((performance.now() - started) / 1000);
}

async function main() {
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: path.resolve(".data/bench-postgres/pg"), password: "bench" });
  const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? embedded!.url, "ops_bench_events");
  const pool = new pg.Pool({ connectionString: scratch.url, max: 8 });
  const db = createPrismaClient(scratch.url);
  const servers: Running[] = [];
  try {
    await applyMigrations(scratch.url);
    const { token } = await createFixtures(db, pool);
    await pool.query(`CREATE TABLE bench_floor (LIKE "InboundEvent" INCLUDING ALL)`);
    await buildIfStale(say);
    const app = await startAppServer({
      DATABASE_URL: scratch.url,
      METRICS_TOKEN,
      CRON_SECRET: "bench-cron-secret-0123456789",
      NEXTAUTH_SECRET: "bench-nextauth-secret-0123456789",
      NEXTAUTH_URL: "http://localhost",
      DEMO_FEED: "off",
      // The edge alone: consumers, the inbox worker and scheduled jobs stay off in this run.
      IN_PROCESS_CONSUMERS: "off",
      IN_PROCESS_JOBS: "off",
    });
    servers.push(app);
    const bare = await startBare401();
    servers.push(bare);
    const events = `${app.url}/api/operations/events`;
    say(
      `events edge benchmark — ${SECONDS} s per run, autocannon on the same 2-core machine (shared: noisy)\n`,
    );

    await load(events, { ...singleEvents(token), duration: 3 }); // warm-up: JIT, caches, pool
    const floorHttp = await load(bare.url, { duration: FLOOR_SECONDS });
    const floorNext = await load(`${app.url}/api/operations/risks`, { duration: FLOOR_SECONDS });
    const floorSingle = await insertFloor(pool, 1, IN_FLIGHT);
    const floorBatch = await insertFloor(pool, BATCH, BATCHES_IN_FLIGHT);

    const single = await withEdgeTimings(app, () => load(events, singleEvents(token)));
    const signed = await withEdgeTimings(app, () => load(events, { ...signedEvents(), duration: 8 }));
    const batched = await withEdgeTimings(app, () => load(events, batches(token)));

    const r = single.result;
    say(`single events, ${IN_FLIGHT} in flight (target ≥ 3,000 accepted/s, p99 < 100 ms):`);
    say(
      `  bearer token      ${int(perSecond(count(r, 202), r))} accepted/s   p50 ${ms(r.latency.p50)}  p99 ${ms(r.latency.p99)}` +
        `   (non-202: ${int(r.non2xx + count(r, 200))}, errors ${r.errors + r.timeouts})`,
    );
    printSpent(single.spent);
    const s = signed.result;
    say(
      `  signed (webhooks) ${int(perSecond(count(s, 202), s))} accepted/s   p50 ${ms(s.latency.p50)}  p99 ${ms(s.latency.p99)}` +
        `   (non-202: ${int(s.non2xx + count(s, 200))}, errors ${s.errors + s.timeouts})`,
    );
    printSpent(signed.spent);
    say(
      `  floors: bare node:http 401 ${int(perSecond(count(floorHttp, 401), floorHttp))} req/s (p99 ${ms(floorHttp.latency.p99)})`,
    );
    say(
      `          Next 401 route     ${int(perSecond(count(floorNext, 401), floorNext))} req/s (p99 ${ms(floorNext.latency.p99)})`,
    );
    say(`          bare 1-row INSERT  ${int(floorSingle)} rows/s (${IN_FLIGHT} in flight, pool of 8)`);
    say();

    const b = batched.result;
    say(`batches of ${BATCH}, ${BATCHES_IN_FLIGHT} in flight (target ≥ 50,000 events/s):`);
    say(
      `  bearer token      ${int(perSecond(count(b, 202) * BATCH, b))} events/s   p50 ${ms(b.latency.p50)}  p99 ${ms(b.latency.p99)}` +
        `   (non-202: ${int(b.non2xx)}, errors ${b.errors + b.timeouts})`,
    );
    printSpent(batched.spent);
    say(`  floor: bare ${BATCH}-row INSERT ${int(floorBatch)} rows/s (${BATCHES_IN_FLIGHT} in flight)`);
    const { rows } = await pool.query<{ status: string; n: string }>(
      `SELECT status, count(*)::text AS n FROM "InboundEvent" GROUP BY status ORDER BY status`,
    );
    say(`  inbox after the runs: ${rows.map((row) => `${row.status} ${int(Number(row.n))}`).join(", ")}`);
    say();
    say(
      "processing (accepted → routed effect committed, inbox depth): [processing engineer: figures go here]",
    );
  } finally {
    for (const server of servers) await server.stop();
    await pool.end();
    await db.$disconnect();
    await scratch.drop();
    await embedded?.stop();
  }
}

await main();
