import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createCaller } from "../server/api/root.ts";
import { createPrismaClient } from "../server/db/client.ts";
import { applyMigrations } from "../server/db/migrate.ts";
import { logger } from "../server/lib/logger.ts";
import { systemContext } from "../server/lib/service-context.ts";
import type { SignalInput } from "../server/risk/contract.ts";
import { ingestSignals } from "../server/risk/ingest.ts";
import { createScratchDatabase } from "../tests/support/databases.ts";
import { insertBulkCases, RAW_LIST_SQL } from "./risk-data.ts";
import { benchServer, quantile, timedRuns } from "./measure.ts";

// npm run bench:risk — ingest throughput and the risk list's latency at 100,000 cases, on a scratch database
// (on DATABASE_URL's server, or an embedded PostgreSQL). Prints numbers; asserts nothing.

const INGEST_SIGNALS = 10_000;
const INGEST_BATCH = 500;
const SINGLE_SIGNALS = 1_000;
const SINGLE_CONCURRENCY = 8;
const LIST_CASES = 100_000;
const LIST_RUNS = 200;
const WARMUP_RUNS = 20;

function signal(n: number, subjects: number): SignalInput {
  return {
    sourceEventId: `bench-${randomUUID()}`,
    type: n % 2 === 0 ? "refund_abuse" : "payment_anomaly",
    subjectType: "consumer",
    subjectId: `cus_${n % subjects}`,
    attributes: { refundCount24h: n % 5, amountJpy: 1_000 * (n % 20), declinedAttempts1h: n % 6 },
    observedAt: new Date(Date.now() - (n % 3_600) * 1_000),
  };
}

async function main() {
  const { url, embedded } = await benchServer();
  const scratch = await createScratchDatabase(url, "ops_bench");
  const db = createPrismaClient(scratch.url);
  const raw = new pg.Client({ connectionString: scratch.url });
  try {
    await applyMigrations(scratch.url);
    await raw.connect();
    const context = systemContext("bench", { correlationId: "bench" });

    const batches = Array.from({ length: INGEST_SIGNALS / INGEST_BATCH }, (_, b) =>
      Array.from({ length: INGEST_BATCH }, (_, i) => signal(b * INGEST_BATCH + i, 2_000)),
    );
    await ingestSignals(db, context, { signals: [signal(0, 1)] });
    let start = performance.now();
    for (const batch of batches) await ingestSignals(db, context, { signals: batch });
    const batchedRate = INGEST_SIGNALS / ((performance.now() - start) / 1_000);
    console.log(
      `risk ingest (batches of ${INGEST_BATCH}):   ${batchedRate.toFixed(0)} signals/s over ${INGEST_SIGNALS} signals`,
    );

    const singles = Array.from({ length: SINGLE_SIGNALS }, (_, n) => signal(n, 500));
    start = performance.now();
    for (let i = 0; i < singles.length; i += SINGLE_CONCURRENCY) {
      await Promise.all(
        singles.slice(i, i + SINGLE_CONCURRENCY).map((s) => ingestSignals(db, context, { signals: [s] })),
      );
    }
    const singleRate = SINGLE_SIGNALS / ((performance.now() - start) / 1_000);
    console.log(
      `risk ingest (1 per call, ${SINGLE_CONCURRENCY} in flight): ${singleRate.toFixed(0)} signals/s over ${SINGLE_SIGNALS} signals`,
    );

    const owners = await db.user.createManyAndReturn({
      data: Array.from({ length: 10 }, (_, i) => ({
        email: `bench-${i}@bench.test`,
        name: `Bench ${i}`,
        passwordHash: "-",
        roles: ["risk_manager" as const],
      })),
      select: { id: true, email: true, name: true },
    });
    await insertBulkCases(
      raw,
      LIST_CASES,
      owners.map((o) => o.id),
    );
    const total = await db.riskCase.count();
    const [owner] = owners;
    if (!owner) throw new Error("no bench user");
    const caller = createCaller({
      db,
      user: {
        ...owner,
        roles: ["risk_manager"],
        permissions: [],
        teamId: null,
        leadsTeam: false,
        locale: "en",
      },
      correlationId: "bench",
      log: logger,
    });
    const input = { status: ["open" as const, "mitigating" as const], limit: 50 };
    const trpcSamples = await timedRuns(() => caller.risk.list(input), LIST_RUNS, WARMUP_RUNS);
    const rawSamples = await timedRuns(() => raw.query(RAW_LIST_SQL), LIST_RUNS, WARMUP_RUNS);
    const [trpcP95, rawP95] = [quantile(trpcSamples, 0.95), quantile(rawSamples, 0.95)];

    const ms = (value: number) => `${value.toFixed(2)} ms`;
    console.log(
      `risk list at ${total} cases, ${LIST_RUNS} runs (default view: open + mitigating, 50 per page):`,
    );
    console.log(`  tRPC caller  p50 ${ms(quantile(trpcSamples, 0.5))}  p95 ${ms(trpcP95)}`);
    console.log(`  raw SQL      p50 ${ms(quantile(rawSamples, 0.5))}  p95 ${ms(rawP95)}`);
    console.log(`  p95 ratio tRPC / raw SQL: ${(trpcP95 / rawP95).toFixed(2)}×`);
  } finally {
    await raw.end().catch(() => undefined);
    await db.$disconnect();
    await scratch.drop();
    await embedded?.stop();
  }
}

await main();
