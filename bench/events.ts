import { cpus } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { createPrismaClient } from "../server/db/client.ts";
import { startEmbeddedPostgres } from "../server/db/embedded.ts";
import { applyMigrations } from "../server/db/migrate.ts";
import { newPiiKey, parsePiiKeyring } from "../server/lib/pii-cipher.ts";
import { configurePiiKeyring } from "../server/lib/pii-keyring.ts";
import { seedDatabase } from "../server/seed/index.ts";
import { createScratchDatabase } from "../tests/support/databases.ts";
import { benchEvent, createFixtures, signatureHeaders } from "./events-data.ts";
import { createFloorTable, insertFloor } from "./events-floor.ts";
import { countCpu, type CpuUse } from "./cpu-time.ts";
import { benchProcessing } from "./events-processing-report.ts";
import { buildIfStale, startAppServer, startBare401, type Running } from "./events-server.ts";
import { STATEMENT_SETTINGS } from "./statements.ts";
import { int, ms, say } from "./events-print.ts";

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
// Offered single events per second while the consumers process them (the operations plan's 1,000 TPS).
const PROCESSING_RATE = Number(process.env.BENCH_PROCESSING_RATE ?? 1_000);
/** Seconds of the same load before the processing figures are taken (not counted in them). */
const WARMUP_SECONDS = 5;
// BENCH_ONLY=processing skips the edge runs (for work on the consumers' side).
// BENCH_ONLY=edge skips processing (for work on the edge).
// BENCH_STATEMENTS=1 prints PostgreSQL's statements by time after the processing run (bench/statements.ts);
// BENCH_CPU_PROFILE=<dir> writes the app servers' CPU profiles there (bench/events-server.ts).
const PROCESSING_ONLY = process.env.BENCH_ONLY === "processing";
const EDGE_ONLY = process.env.BENCH_ONLY === "edge";

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
  const cpu = countCpu(server.pid);
  const result = await run();
  const used = cpu?.() ?? null;
  const after = await edgeTimings(server);
  const spent = new Map<string, number>();
  for (const [phase, { sum, count: n }] of after) {
    const was = before.get(phase) ?? { sum: 0, count: 0 };
    if (n > was.count) spent.set(phase, ((sum - was.sum) / (n - was.count)) * 1000);
  }
  return { result, spent, used };
}

const micros = (seconds: number, events: number) => `${Math.round((seconds * 1e6) / events)} µs`;

/** CPU per accepted event of the app server and of PostgreSQL: where the machine's two cores went. */
function printCpu(used: CpuUse | null, accepted: number) {
  if (!used || accepted === 0) return;
  say(
    `    CPU per accepted event: app server ${micros(used.serverSeconds, accepted)} · PostgreSQL ` +
      `${micros(used.databaseSeconds, accepted)} (all ${cpus().length} cores ${Math.round(used.machineBusy * 100)}% ` +
      "busy; the rest is the load generator)",
  );
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

/** The edge alone (consumers off): single events, signed events and batches, each beside its floors. */
async function benchEdge(app: Running, bare: Running, pool: pg.Pool, token: string) {
  const events = `${app.url}/api/operations/events`;
  say(
    `events edge benchmark — ${SECONDS} s per run, autocannon on the same 2-core machine (shared: noisy)\n`,
  );

  await load(events, { ...singleEvents(token), duration: 3 }); // warm-up: JIT, caches, pool
  const floorHttp = await load(bare.url, { duration: FLOOR_SECONDS });
  const floorNext = await load(`${app.url}/api/operations/risks`, { duration: FLOOR_SECONDS });
  const floor = async (rows: number, inFlight: number, form: "copy" | "insert") => {
    const cpu = countCpu(process.pid);
    const written = await insertFloor(pool, { rows, inFlight, seconds: FLOOR_SECONDS, form });
    return { ...written, used: cpu?.() ?? null };
  };
  const floorSingle = (await floor(1, IN_FLIGHT, "insert")).perSecond;
  const floorBatch = await floor(BATCH, BATCHES_IN_FLIGHT, "insert");
  const floorBatchCopy = await floor(BATCH, BATCHES_IN_FLIGHT, "copy");

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
  printCpu(single.used, count(r, 202));
  const s = signed.result;
  say(
    `  signed (webhooks) ${int(perSecond(count(s, 202), s))} accepted/s   p50 ${ms(s.latency.p50)}  p99 ${ms(s.latency.p99)}` +
      `   (non-202: ${int(s.non2xx + count(s, 200))}, errors ${s.errors + s.timeouts})`,
  );
  printSpent(signed.spent);
  printCpu(signed.used, count(s, 202));
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
  printCpu(batched.used, count(b, 202) * BATCH);
  const postgresPerRow = (written: { rows: number; used: CpuUse | null }) =>
    written.used ? ` (PostgreSQL ${micros(written.used.databaseSeconds, written.rows)} a row)` : "";
  say(
    `  floors, ${BATCHES_IN_FLIGHT} in flight, the edge's two statements: bare ${BATCH}-row INSERT ` +
      `${int(floorBatch.perSecond)} rows/s${postgresPerRow(floorBatch)} · bare ${BATCH}-row COPY ` +
      `${int(floorBatchCopy.perSecond)} rows/s${postgresPerRow(floorBatchCopy)}`,
  );
  const edgeRate = perSecond(count(b, 202) * BATCH, b);
  say(
    `  edge / INSERT floor: ${(edgeRate / floorBatch.perSecond).toFixed(2)} · edge / COPY floor: ` +
      (edgeRate / floorBatchCopy.perSecond).toFixed(2),
  );
  const { rows } = await pool.query<{ status: string; n: string }>(
    `SELECT status, count(*)::text AS n FROM "InboundEvent" GROUP BY status ORDER BY status`,
  );
  say(`  inbox after the runs: ${rows.map((row) => `${row.status} ${int(Number(row.n))}`).join(", ")}`);
  say();
}

async function main() {
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({
        dataDir: path.resolve(".data/bench-postgres/pg"),
        password: "bench",
        settings: STATEMENT_SETTINGS,
      });
  const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? embedded!.url, "ops_bench_events");
  const pool = new pg.Pool({ connectionString: scratch.url, max: 8 });
  const db = createPrismaClient(scratch.url);
  const servers: Running[] = [];
  try {
    await applyMigrations(scratch.url);
    // Teams, agents, cities and sources as the demo has them (fewer tickets), so routed events have somewhere to go;
    // the people's personal data under a key of this run, which the app servers get too.
    const piiKeys = `bench:${newPiiKey()}`;
    configurePiiKeyring(parsePiiKeyring(piiKeys));
    await seedDatabase(scratch.url, { scale: 0.05 });
    const { token } = await createFixtures(db, pool);
    await createFloorTable(pool);
    await buildIfStale(say);
    const serverEnv = {
      DATABASE_URL: scratch.url,
      PII_KEYS: piiKeys,
      METRICS_TOKEN,
      CRON_SECRET: "bench-cron-secret-0123456789",
      NEXTAUTH_SECRET: "bench-nextauth-secret-0123456789",
      NEXTAUTH_URL: "http://localhost",
      DEMO_FEED: "off",
      IN_PROCESS_JOBS: "off",
    };
    if (!PROCESSING_ONLY) {
      // The edge alone first: consumers and the inbox worker stay off in this run.
      const app = await startAppServer({ ...serverEnv, IN_PROCESS_CONSUMERS: "off" });
      servers.push(app);
      const bare = await startBare401();
      servers.push(bare);
      await benchEdge(app, bare, pool, token);
      await app.stop();
    }

    if (!EDGE_ONLY) {
      // The app with its consumers on, taking single events at a fixed offered rate.
      const start = async () => {
        const app = await startAppServer({ ...serverEnv, IN_PROCESS_CONSUMERS: "on" });
        servers.push(app);
        return app;
      };
      const settings = { rate: PROCESSING_RATE, seconds: SECONDS, warmUpSeconds: WARMUP_SECONDS };
      await benchProcessing(db, pool, { token, start }, settings);
    }
  } finally {
    for (const server of servers) await server.stop();
    await pool.end();
    await db.$disconnect();
    await scratch.drop();
    await embedded?.stop();
  }
}

await main();
