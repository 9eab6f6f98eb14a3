import { performance } from "node:perf_hooks";
import pg from "pg";
import { CONSUMER_SETTLE_MS, drainConsumer, startWorkRunner } from "../server/backbone/runner.ts";
import { createPrismaClient, type Db } from "../server/db/client.ts";
import { applyMigrations } from "../server/db/migrate.ts";
import { withTransaction } from "../server/db/transaction.ts";
import type { ConsumerHandler } from "../server/events/delivered-event.ts";
import { recordEvents } from "../server/events/record.ts";
import { correlateMemberEvents } from "../server/incidents/correlation-consumer.ts";
import { incidentRoom } from "../server/incidents/queries.ts";
import { logger } from "../server/lib/logger.ts";
import { systemContext } from "../server/lib/service-context.ts";
import { seedCorrelationRules } from "../server/seed/correlation-rules.ts";
import { createScratchDatabase } from "../tests/support/databases.ts";
import { incidentWithMembers, memberEvent } from "./incidents-data.ts";
import { benchServer, quantile, timedRuns } from "./measure.ts";

// npm run bench:incidents — on a scratch database (DATABASE_URL's server, or an embedded PostgreSQL), the issue's
// two targets, each beside a floor measured in the same run:
//  1. correlation: member events (tickets, risk signals, alerts) recorded at a fixed offered rate (producers'
//     transactions of TICK_MS' worth each) while the incidents.correlation consumer drains them through the
//     backbone runner, against the demo's three rules. Event → incident link is the event's occurredAt → its
//     delivery marked done (after the correlation transaction committed). Floor: the same stream through the
//     same runner with a handler that does nothing (the backbone's own cost).
//  2. the room of an incident with MEMBERS members: incidentRoom (the call behind the room's first page), p50 /
//     p95. Floor: the same rows read with plain SQL on a pg client.
// Prints figures; asserts nothing.

const RATE = Number(process.env.BENCH_RATE ?? 1_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 5_000);
const TICK_MS = 20;
/** A consumer this far behind will not catch up: the figures are read over what it handled by then. */
const DRAIN_LIMIT_MS = 120_000;
const RUNS = 100;
const WARMUP = 10;
const CONSUMER = "incidents.correlation";

const say = (line = "") => console.log(line);
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface StreamFigures {
  offered: number;
  handledPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxDepth: number;
  drainSeconds: number;
  /** Still pending when the drain limit ran out. */
  left: number;
}

async function pending(raw: pg.Client): Promise<number> {
  const { rows } = await raw.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "EventDelivery" WHERE consumer = $1 AND status = 'pending'`,
    [CONSUMER],
  );
  return rows[0]!.n;
}

/** Records RATE events/s for SECONDS while `handler` drains them as the consumer; then reads the latencies. */
async function stream(
  db: Db,
  raw: pg.Client,
  handler: ConsumerHandler,
  from: number,
): Promise<StreamFigures> {
  const runner = startWorkRunner(
    new Map([
      [
        CONSUMER,
        () =>
          drainConsumer(
            { db, handlers: new Map([[CONSUMER, handler]]), log: logger, maxAttempts: 3 },
            CONSUMER,
          ),
      ],
    ]),
    // The settle window the app's consumer runner uses, so the latencies are the ones the app would show.
    { log: logger, pollMs: 100, settleMs: CONSUMER_SETTLE_MS },
  );
  const context = systemContext("bench.producer");
  const perTick = Math.max(1, Math.round((RATE * TICK_MS) / 1000));
  const ticks = Math.round((SECONDS * 1000) / TICK_MS);
  const start = performance.now();
  const writes: Promise<unknown>[] = [];
  let depth = 0;
  const sampler = setInterval(() => void pending(raw).then((n) => (depth = Math.max(depth, n))), 1000);
  let n = from;
  for (let tick = 0; tick < ticks; tick++) {
    const batch = Array.from({ length: perTick }, () => memberEvent(n++));
    // Producers do not wait for each other: a slow commit does not slow the offered rate.
    writes.push(
      withTransaction(db, (tx) => recordEvents(tx, context, batch)).then(() => runner.wake(CONSUMER)),
    );
    const due = start + (tick + 1) * TICK_MS;
    await sleep(Math.max(0, due - performance.now()));
  }
  await Promise.all(writes);
  const produced = performance.now();
  let left = await pending(raw);
  while (left > 0 && performance.now() - produced < DRAIN_LIMIT_MS) {
    await sleep(50);
    left = await pending(raw);
  }
  const drained = performance.now();
  clearInterval(sampler);
  await runner.stop();
  // What the consumer did not reach stays out of the next stream's way.
  await raw.query(
    `UPDATE "EventDelivery" SET status = 'bench.skipped' WHERE consumer = $1 AND status = 'pending'`,
    [CONSUMER],
  );
  const { rows } = await raw.query<{ n: number; p50: number; p99: number; seconds: number }>(
    `SELECT count(*)::int AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d."completedAt" - e."occurredAt") * 1000) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM d."completedAt" - e."occurredAt") * 1000) AS p99,
            extract(epoch FROM max(d."completedAt") - min(e."occurredAt"))::float8 AS seconds
       FROM "EventDelivery" d JOIN "DomainEvent" e ON e.seq = d."eventSeq"
      WHERE d.consumer = $1 AND d.status = 'done'
        AND e.seq > (SELECT coalesce(max("eventSeq"), 0) FROM "EventDelivery" WHERE consumer = 'bench.mark')`,
    [CONSUMER],
  );
  // Marks where this stream's events end, so the next stream's figures start after them.
  await raw.query(
    `INSERT INTO "EventDelivery" (consumer, "eventSeq", "eventId", "eventType", "aggregateKey", status)
     SELECT 'bench.mark', max(seq), gen_random_uuid(), 'mark', 'mark', 'done' FROM "DomainEvent"`,
  );
  const row = rows[0]!;
  return {
    offered: n - from,
    handledPerSecond: row.n / row.seconds,
    p50Ms: row.p50,
    p99Ms: row.p99,
    maxDepth: depth,
    drainSeconds: (drained - produced) / 1000,
    left,
  };
}

function line(label: string, f: StreamFigures) {
  say(
    `${label}: ${int(f.offered)} events offered at ${int(RATE)}/s for ${SECONDS} s → ${int(f.handledPerSecond)}/s handled, ` +
      `event → done p50 ${f.p50Ms.toFixed(0)} ms, p99 ${f.p99Ms.toFixed(0)} ms, deepest backlog ${int(f.maxDepth)}, ` +
      (f.left === 0
        ? `drained ${f.drainSeconds.toFixed(1)} s after the last event`
        : `${int(f.left)} still pending ${f.drainSeconds.toFixed(0)} s after the last event (left unhandled)`),
  );
}

async function main() {
  const { url, embedded } = await benchServer();
  const scratch = await createScratchDatabase(url, "ops_bench");
  const db = createPrismaClient(scratch.url);
  const raw = new pg.Client({ connectionString: scratch.url });
  try {
    await applyMigrations(scratch.url);
    await raw.connect();
    await seedCorrelationRules(raw, new Date());
    say(
      `Correlation (the demo's three rules; producers and consumer in this process, 2 cores shared with PostgreSQL)`,
    );
    const nothing: ConsumerHandler = { batch: async (_db, _context, events) => events.map(() => "nothing") };
    const floor = await stream(db, raw, nothing, 1);
    line("  floor (no-op batch handler, same runner)", floor);
    const real = await stream(db, raw, correlateMemberEvents, 1_000_000);
    line("  incidents.correlation", real);
    const { rows } = await raw.query<{ incidents: number; members: number }>(
      `SELECT (SELECT count(*)::int FROM "Incident") AS incidents, (SELECT count(*)::int FROM "IncidentMember") AS members`,
    );
    say(`  → ${int(rows[0]!.incidents)} incidents opened, ${int(rows[0]!.members)} members linked`);

    const id = await incidentWithMembers(raw, MEMBERS);
    const context = systemContext("bench.room");
    const room = await timedRuns(() => incidentRoom(db, context, id), RUNS, WARMUP);
    const shown = (await incidentRoom(db, context, id)).members.length;
    const plain = await timedRuns(
      async () => {
        await raw.query(`SELECT * FROM "Incident" WHERE id = $1`, [id]);
        await raw.query(
          `SELECT * FROM "IncidentMember" WHERE "incidentId" = $1 ORDER BY "joinedAt" LIMIT $2`,
          [id, shown],
        );
      },
      RUNS,
      WARMUP,
    );
    say();
    say(`Incident room, ${int(MEMBERS)} members (${int(shown)} on its first page), ${RUNS} loads:`);
    say(
      `  incidentRoom: p50 ${quantile(room, 0.5).toFixed(1)} ms, p95 ${quantile(room, 0.95).toFixed(1)} ms`,
    );
    say(
      `  floor (incident + the same member rows, plain pg): p50 ${quantile(plain, 0.5).toFixed(1)} ms, p95 ${quantile(plain, 0.95).toFixed(1)} ms`,
    );
  } finally {
    await raw.end().catch(() => {});
    await db.$disconnect();
    await scratch.drop();
    await embedded?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
