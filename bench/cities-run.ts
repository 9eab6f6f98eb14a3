import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { evaluateAllAlerts } from "../server/alerts/service.ts";
import { chartSeries } from "../server/cities/board.ts";
import { ingestIndicators } from "../server/cities/ingest.ts";
import { BUCKET_MS } from "../server/indicators/metrics.ts";
import { createPrismaClient, type Db } from "../server/db/client.ts";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../server/db/embedded.ts";
import { applyMigrations } from "../server/db/migrate.ts";
import { env } from "../server/lib/env.ts";
import { fixedClock, systemContext } from "../server/lib/service-context.ts";
import { benchRules, createCities, indicatorBatches, insertRules, type BenchCity } from "./cities-data.ts";

// The city benchmark (entry point: bench/cities.ts). A scratch database on DATABASE_URL's server (or an embedded
// PostgreSQL in .data/bench-postgres), then: ingest throughput through the real path vs a bare upsert, one
// evaluation pass of 1,000 rules over 50 cities vs reading its inputs, and the 30-day chart query vs its SQL.

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const CITIES = Number(arg("cities") ?? 50);
const RULES = Number(arg("rules") ?? 1000);
const DAYS = Number(arg("days") ?? 8);
const BATCH = Number(arg("batch") ?? 5000);
const KEEP = process.argv.includes("--keep");
const NOW = new Date(Math.floor(Date.now() / BUCKET_MS) * BUCKET_MS);
const DAY_MS = 86_400_000;

const percentile = (values: readonly number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ??
  NaN;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(10);
const say = (line: string) => console.log(line);

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times;
}

async function scratchDatabase(): Promise<{
  url: string;
  drop: () => Promise<void>;
  embedded: EmbeddedDatabase | null;
}> {
  const embedded = env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: path.resolve(".data/bench-postgres/pg"), password: "bench" });
  const server = new URL(env.DATABASE_URL ?? embedded?.url ?? "");
  const name = `bench_cities_${randomBytes(4).toString("hex")}`;
  const admin = () =>
    new pg.Client({ connectionString: Object.assign(new URL(server), { pathname: "/postgres" }).toString() });
  const client = admin();
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  const drop = async () => {
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  return { url, drop, embedded };
}

const FLOOR_UPSERT = `
  INSERT INTO bench_floor ("cityId", metric, "bucketStart", value, "updatedAt")
  SELECT c, m::"Metric", b, v, now() FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::float8[]) AS t(c, m, b, v)
  ON CONFLICT ("cityId", metric, "bucketStart") DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"`;

/**
 * Each batch goes through the real ingest, then through a bare set-based upsert into an empty copy of the table
 * (same keys and indexes): alternating keeps both under the same machine load, so their ratio is fair.
 */
/** The benchmark acts as a system job whose clock stands still at NOW. */
const benchContext = () => systemContext("bench", { correlationId: "bench", clock: fixedClock(NOW) });

async function ingestBench(db: Db, pool: pg.Pool, cities: readonly BenchCity[]) {
  const from = new Date(NOW.getTime() - DAYS * DAY_MS);
  const context = benchContext();
  const ids = new Map(cities.map((city) => [city.code, city.id]));
  await pool.query(`CREATE TABLE bench_floor (LIKE "CityIndicator" INCLUDING ALL)`);
  let points = 0;
  let realMs = 0;
  let floorMs = 0;
  for (const batch of indicatorBatches(cities, from, NOW, BATCH)) {
    let started = performance.now();
    await ingestIndicators(db, context, { points: batch });
    realMs += performance.now() - started;
    started = performance.now();
    await pool.query(FLOOR_UPSERT, [
      batch.map((p) => ids.get(p.city)),
      batch.map((p) => p.metric),
      batch.map((p) => p.bucketStart),
      batch.map((p) => p.value),
    ]);
    floorMs += performance.now() - started;
    points += batch.length;
    process.stdout.write(`\r  ingested ${points.toLocaleString()} points`);
  }
  process.stdout.write("\r");
  const rate = (ms: number) => `${Math.round(points / (ms / 1000)).toLocaleString()} points/s`;
  say(`ingest of ${points.toLocaleString()} points in batches of ${BATCH}, each batch through both:`);
  say(
    `  real path (upsert + rollups + events + evaluation)   ${rate(realMs)}   (${(realMs / 1000).toFixed(1)} s)`,
  );
  say(
    `  raw SQL floor (bare upsert)                          ${rate(floorMs)}   (${(floorMs / 1000).toFixed(1)} s)`,
  );
  await pool.query(`DROP TABLE bench_floor`);
  await pool.query(`VACUUM ANALYZE "CityIndicator"`);
  await pool.query(`VACUUM ANALYZE "CityIndicatorHourly"`);
}

async function evaluationBench(db: Db, pool: pg.Pool) {
  const times = await timed(5, () => evaluateAllAlerts(db, benchContext()));
  const last = await evaluateAllAlerts(db, benchContext());
  const open = await db.alert.count({ where: { openKey: { not: null } } });
  say(
    `evaluation: ${RULES} rules over ${CITIES} cities (${last.evaluated.toLocaleString()} rule × city pairs, ${open} open alerts):`,
  );
  say(`  evaluateAllAlerts            p50 ${fmt(percentile(times, 50))}   p95 ${fmt(percentile(times, 95))}`);
  // The floor: reading what a pass must read (the windows, the rules and the open alerts) in three plain queries.
  const floor = await timed(5, async () => {
    await pool.query(
      `SELECT "cityId", metric, "bucketStart", value FROM "CityIndicator"
        WHERE "bucketStart" <= $1 AND ("bucketStart" >= $1::timestamptz - interval '2 hours 5 minutes'
           OR ("bucketStart" >= $1::timestamptz - interval '7 days 1 hour 5 minutes' AND "bucketStart" < $1::timestamptz - interval '7 days'))`,
      [NOW],
    );
    await pool.query(`SELECT * FROM "AlertRule" WHERE enabled`);
    await pool.query(`SELECT * FROM "Alert" WHERE "openKey" IS NOT NULL`);
  });
  say(`  raw SQL floor (read inputs)  p50 ${fmt(percentile(floor, 50))}   p95 ${fmt(percentile(floor, 95))}`);
}

async function chartBench(db: Db, pool: pg.Pool, city: BenchCity) {
  const runs = 200;
  const times = await timed(runs, () => chartSeries(db, benchContext(), { code: city.code, range: "30d" }));
  say(`30-day chart of one city (7 metrics, 3-hour steps from hourly rollups), ${runs} runs:`);
  say(`  chartSeries                  p50 ${fmt(percentile(times, 50))}   p95 ${fmt(percentile(times, 95))}`);
  const floor = await timed(runs, () =>
    pool.query(
      `SELECT metric, "bucketStart", sum, count, min, max FROM "CityIndicatorHourly"
        WHERE "cityId" = $1 AND "bucketStart" >= $2::timestamptz - interval '30 days' AND "bucketStart" < $2`,
      [city.id, NOW],
    ),
  );
  say(`  raw SQL floor (same rows)    p50 ${fmt(percentile(floor, 50))}   p95 ${fmt(percentile(floor, 95))}`);
}

export async function runBenchmark(): Promise<void> {
  const scratch = await scratchDatabase();
  const db = createPrismaClient(scratch.url);
  const pool = new pg.Pool({ connectionString: scratch.url, max: 4 });
  try {
    await applyMigrations(scratch.url);
    await pool.query(`SET TIME ZONE 'UTC'`);
    const cities = await createCities(db, CITIES);
    await insertRules(db, benchRules(cities, RULES));
    say(
      `scratch database ready: ${CITIES} cities, ${RULES} rules, ${DAYS} days of 5-minute indicators to ingest\n`,
    );
    await ingestBench(db, pool, cities);
    // 30 days of history for one city, so the chart reads a full month of rollups.
    const [first] = cities;
    if (first) {
      for (const batch of indicatorBatches(
        [first],
        new Date(NOW.getTime() - 30 * DAY_MS),
        new Date(NOW.getTime() - DAYS * DAY_MS),
        BATCH,
      )) {
        await ingestIndicators(db, benchContext(), { points: batch });
      }
    }
    say("");
    await evaluationBench(db, pool);
    say("");
    if (first) await chartBench(db, pool, first);
  } finally {
    await pool.end();
    await db.$disconnect();
    if (KEEP) say(`\nkept ${scratch.url}`);
    else await scratch.drop();
    await scratch.embedded?.stop();
  }
}
