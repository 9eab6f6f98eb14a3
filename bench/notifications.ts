import { fork, type ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import { createPrismaClient } from "../server/db/client.ts";
import { startEmbeddedPostgres } from "../server/db/embedded.ts";
import { applyMigrations } from "../server/db/migrate.ts";
import { logger } from "../server/lib/logger.ts";
import { newPiiKey, parsePiiKeyring } from "../server/lib/pii-cipher.ts";
import { configurePiiKeyring } from "../server/lib/pii-keyring.ts";
import { systemContext } from "../server/lib/service-context.ts";
import { saveNotificationChannel } from "../server/notifications/channel-service.ts";
import { createOutboxWorker } from "../server/notifications/outbox-worker.ts";
import { postgresChannelRateLimiter } from "../server/notifications/rate-limit.ts";
import { enqueueNotifications } from "../server/notifications/service.ts";
import { createTransport } from "../server/notifications/transport.ts";
import { createRateLimitStore } from "../server/security/rate-limit-store.ts";
import { createScratchDatabase } from "../tests/support/databases.ts";
import { measureTriggerCost } from "./notifications-trigger.ts";

// npm run bench:notifications — a burst of 10,000 notifications enqueued at once drains through the outbox worker
// (claims with SKIP LOCKED, per-channel rate limit, one transaction per batch with its events and audit) to a local
// Slack-shaped receiver in its own process. Prints deliveries/s, the outbox depth over time and delivery latency
// p50/p99, beside a floor: the same HTTP posts from a plain loop to the same receiver. Then the trigger path's cost
// to the transaction that raises it (bench/notifications-trigger.ts). Prints figures; asserts nothing.

const TOTAL = Number(process.env.BENCH_NOTIFICATIONS ?? 10_000);
const RECIPIENTS = 200;
// The worker's settings as the app runs it (outbox-worker.ts defaults), or as given to compare.
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const LANES = Number(process.env.BENCH_LANES ?? 4);
const IN_FLIGHT = BATCH * LANES;
const say = (line = "") => console.log(line);
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => n.toFixed(2);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");

interface Receiver {
  url: string;
  count(): Promise<number>;
  reset(): void;
  stop(): void;
}

/** The receiver process (bench/notifications-receiver.ts), ready once it has said its URL. */
function startReceiver(): Promise<Receiver> {
  const child: ChildProcess = fork(path.resolve("bench/notifications-receiver.ts"), {
    execArgv: ["--import", "tsx"],
  });
  const next = <T>(key: string) =>
    new Promise<T>((resolve) => {
      const on = (message: Record<string, T>) => {
        if (!(key in message)) return;
        child.off("message", on);
        resolve(message[key]!);
      };
      child.on("message", on);
    });
  return next<string>("url").then((url) => ({
    url,
    count: () => {
      const answer = next<number>("count");
      child.send("count");
      return answer;
    },
    reset: () => child.send("reset"),
    stop: () => child.send("stop"),
  }));
}

async function main(): Promise<void> {
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: path.resolve(".data/bench-postgres/pg"), password: "bench" });
  const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? embedded!.url, "ops_bench_notify");
  const db = createPrismaClient(scratch.url);
  const peer = await startReceiver();
  const transport = createTransport();
  const store = createRateLimitStore(scratch.url);
  try {
    await applyMigrations(scratch.url);
    configurePiiKeyring(parsePiiKeyring(`bench:${newPiiKey()}`));
    const target = `${peer.url}/slack/bench`;

    // Floor: the same posts, a plain loop with the worker's concurrency.
    const body = JSON.stringify({ text: "[Critical] floor" });
    say(`Machine load average (1, 5, 15 min) at the start: ${load()}`);
    const floorStart = performance.now();
    let next = 0;
    let floorFailures = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next++ < TOTAL) {
          // A timeout counts as a failed post, as the worker would count it (and retry it).
          await transport
            .post({ url: target, headers: { "content-type": "application/json" }, body })
            .catch(() => floorFailures++);
        }
      }),
    );
    const floorRate = (TOTAL - floorFailures) / ((performance.now() - floorStart) / 1_000);
    peer.reset();

    const context = systemContext("bench.notifications");
    await saveNotificationChannel(db, context, {
      kind: "slack",
      name: "bench",
      config: {},
      secret: target,
      ratePerMinute: 100_000,
    });
    await db.user.createMany({
      data: Array.from({ length: RECIPIENTS }, (_, i) => ({
        email: `bench-${i}@bench.test`,
        name: `Bench ${i}`,
        passwordHash: "unused",
        roles: ["support_agent"],
      })),
    });
    const users = await db.user.findMany({ select: { id: true } });
    const enqueueStart = performance.now();
    const steps = Math.ceil(TOTAL / users.length);
    for (let step = 0; step < steps; step++) {
      await enqueueNotifications(db, context, {
        objectType: "ticket",
        objectId: randomUUID(),
        step: `bench-${step}`,
        severity: "critical",
        title: `Bench page ${step}`,
        path: `/tickets/bench-${step}`,
        recipients: users.map((user) => ({ userId: user.id, channels: ["slack" as const] })),
      });
    }
    const enqueueMs = performance.now() - enqueueStart;
    const queued = await db.notificationDelivery.count();

    const worker = createOutboxWorker({
      db,
      log: logger.child({ bench: true }),
      transport,
      rateLimiter: postgresChannelRateLimiter(store),
      consoleBaseUrl: "http://localhost:3000",
      batchSize: BATCH,
      concurrentBatches: LANES,
    });
    const depth: { atMs: number; pending: number }[] = [];
    // The burst is whole when the worker starts: latency counts from then (its enqueueing is timed above).
    // Read as the outbox stores its times (timestamp without time zone), so the two compare like for like.
    const [burst] = await db.$queryRaw<{ ms: number }[]>`
      SELECT extract(epoch FROM clock_timestamp()::timestamp)::float8 * 1000 AS ms`;
    const drainStart = performance.now();
    const sampler = setInterval(() => {
      void db.notificationDelivery
        .count({ where: { status: { in: ["queued", "sending", "retrying"] } } })
        .then((pending) => depth.push({ atMs: performance.now() - drainStart, pending }));
    }, 500);
    const claimed = await worker.drain();
    const drainSeconds = (performance.now() - drainStart) / 1_000;
    clearInterval(sampler);
    const [latency] = await db.$queryRaw<{ p50: number; p99: number; delivered: bigint }[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "deliveredAt") * 1000 - ${burst!.ms}) AS p50,
             percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM "deliveredAt") * 1000 - ${burst!.ms}) AS p99,
             count(*) AS delivered
        FROM "NotificationDelivery" WHERE status = 'delivered'`;
    const delivered = Number(latency?.delivered ?? 0);

    const received = await peer.count();
    const trigger = await measureTriggerCost(db, users[0]!.id);

    say(`Machine load average (1, 5, 15 min) at the end: ${load()}`);
    say(
      `Notification outbox — ${int(queued)} rows enqueued in ${int(enqueueMs)} ms (${int(queued / (enqueueMs / 1_000))}/s)`,
    );
    say(`  drained ${int(delivered)} delivered of ${int(claimed)} claimed in ${drainSeconds.toFixed(2)} s`);
    say(`  deliveries/s: ${int(delivered / drainSeconds)}  (target ≥ 500/s)`);
    say(
      `  floor, plain HTTP loop to the same receiver: ${int(floorRate)} posts/s (${int(floorFailures)} failed)`,
    );
    say(`  worker: batches of ${BATCH}, ${LANES} at once; receiver saw ${int(received)} posts`);
    say(
      `  delivery latency from the burst (queueing behind it included): p50 ${int(latency?.p50 ?? 0)} ms, p99 ${int(latency?.p99 ?? 0)} ms`,
    );
    say(
      `  outbox depth over time: ${depth.map((d) => `${(d.atMs / 1_000).toFixed(1)}s=${d.pending}`).join("  ")}`,
    );
    say(`Trigger path — ${trigger.runs} transactions each, interleaved (ms)`);
    say(
      `  without the trigger (row + audit event): p50 ${ms(trigger.base.p50)}, p95 ${ms(trigger.base.p95)}`,
    );
    say(
      `  with the trigger event (fanned out to on-call): p50 ${ms(trigger.withEvent.p50)}, p95 ${ms(trigger.withEvent.p95)}` +
        `  → adds ${ms(trigger.withEvent.p95 - trigger.base.p95)} ms at p95 (target < 5 ms)`,
    );
  } finally {
    transport.close();
    peer.stop();
    await store.pool.end();
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
