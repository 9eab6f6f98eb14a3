import { spawn } from "node:child_process";
import { jetstream, jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import type pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readEdgeSources } from "../../server/hub/edge/edge-sources-repository.ts";
import { SourceDirectory } from "../../server/hub/edge/source-directory.ts";
import { inboxPool, insertInboundEvents } from "../../server/hub/inbox-repository.ts";
import { startNatsSource, type NatsSource } from "../../server/hub/nats/source.ts";
import { ensureStreamAndConsumer } from "../../server/hub/nats/stream-setup.ts";
import { logger } from "../../server/lib/logger.ts";
import { cancellationEvent, ensureEventSources, inboxRows, NATS_URL, testStream } from "../support/nats.ts";

// The NATS JetStream source against the machine's NATS server (NATS_URL; .ci/run sets it). Without NATS_URL
// these tests are skipped, and say so.

if (!NATS_URL) console.warn("NATS_URL is not set: the NATS JetStream source tests are SKIPPED.");

const log = logger.child({ test: "nats-source" });
let pool: pg.Pool;
let nc: NatsConnection;
let jsm: JetStreamManager;
const streams: string[] = [];
const sources: NatsSource[] = [];

async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A long ack wait unless a test needs redelivery: a slow machine must not redeliver what is merely in hand. */
async function startSource(stream: ReturnType<typeof testStream>) {
  const directory = new SourceDirectory(() => readEdgeSources(pool));
  const source = await startNatsSource({
    url: NATS_URL!,
    ...stream,
    ackWaitMs: 30_000,
    sources: () => directory.current(),
    write: (rows) => insertInboundEvents(pool, rows),
    log,
  });
  sources.push(source);
  return source;
}

async function publish(subject: string, bodies: readonly (string | object)[]) {
  const js = jetstream(nc);
  for (const body of bodies)
    await js.publish(subject, typeof body === "string" ? body : JSON.stringify(body));
}

/** Everything delivered has been acknowledged (or terminated) and nothing waits. */
async function consumerSettled(stream: string, durable: string, delivered: number) {
  const info = await jsm.consumers.info(stream, durable);
  return info.num_pending === 0 && info.num_ack_pending === 0 && info.ack_floor.stream_seq >= delivered;
}

describe.skipIf(!NATS_URL)("NATS JetStream source (skipped without NATS_URL)", () => {
  beforeAll(async () => {
    pool = inboxPool(process.env.DATABASE_URL!, "nats-source-test");
    await ensureEventSources(pool);
    nc = await connect({ servers: NATS_URL });
    jsm = await jetstreamManager(nc);
  });

  afterEach(async () => {
    await Promise.all(sources.splice(0).map((source) => source.stop()));
    await Promise.all(streams.splice(0).map((stream) => jsm.streams.delete(stream)));
  });

  afterAll(async () => {
    await nc?.close();
    await pool?.end();
  });

  it("creates its stream and consumer, stores events in batches and acknowledges them", async () => {
    const stream = testStream();
    streams.push(stream.stream);
    await startSource(stream);
    const events = Array.from({ length: 50 }, () => cancellationEvent());
    await publish(stream.subject, events);
    await waitUntil(() => consumerSettled(stream.stream, stream.durable, 50), "all acknowledged");
    const rows = await inboxRows(
      pool,
      events.map((event) => event.id),
    );
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(["pending"]));
  });

  it("keeps an existing consumer's position and brings its max_ack_pending to the setting", async () => {
    const stream = testStream();
    streams.push(stream.stream);
    const setup = { ...stream, ackWaitMs: 30_000, maxAckPending: 2_000 };
    await ensureStreamAndConsumer(jsm, { ...setup, maxAckPending: 10_000 });
    await publish(stream.subject, [cancellationEvent()]);
    await ensureStreamAndConsumer(jsm, setup);
    const info = await jsm.consumers.info(stream.stream, stream.durable);
    expect(info.config.max_ack_pending).toBe(2_000);
    expect(info.num_pending).toBe(1);
  });

  it("redelivers what a killed consumer stored but never acknowledged, and the inbox keeps one row each", async () => {
    const stream = testStream();
    streams.push(stream.stream);
    const events = Array.from({ length: 5 }, () => cancellationEvent());
    const ids = events.map((event) => event.id);
    // The worker creates the stream on start; publish once it exists, so its first batch holds the messages.
    await jsm.streams.add({ name: stream.stream, subjects: stream.subjects });
    await publish(stream.subject, events);

    const worker = spawn(process.execPath, ["--import", "tsx", "tests/support/nats-crash-worker.ts"], {
      env: {
        ...process.env,
        LOG_LEVEL: "silent",
        IT_STREAM: stream.stream,
        IT_SUBJECTS: stream.subjects[0],
        IT_DURABLE: stream.durable,
      },
      stdio: "ignore",
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      worker.on("exit", (_, killedBy) => resolve(killedBy)),
    );
    expect(signal).toBe("SIGKILL");
    const stored = await inboxRows(pool, ids);
    expect(stored.length).toBeGreaterThan(0);
    const afterCrash = await jsm.consumers.info(stream.stream, stream.durable);
    expect(afterCrash.ack_floor.stream_seq).toBe(0);

    await startSource(stream);
    await waitUntil(
      () => consumerSettled(stream.stream, stream.durable, 5),
      "all acknowledged after restart",
    );
    // Five messages, more deliveries: what the worker stored came back and was stored once.
    const info = await jsm.consumers.info(stream.stream, stream.durable);
    expect(info.delivered.consumer_seq).toBeGreaterThan(5);
    const rows = await inboxRows(pool, ids);
    expect(rows.map((row) => row.eventId).sort()).toEqual([...ids].sort());
  });

  it("stores a schema failure dead, terminates malformed messages, and keeps consuming behind them", async () => {
    const stream = testStream();
    streams.push(stream.stream);
    await startSource(stream);
    const schemaFailure = cancellationEvent({ data: { orderId: "o-1" } });
    const good = cancellationEvent();
    await publish(stream.subject, [
      "{ not json",
      { specversion: "1.0", source: "consumer_experience" },
      cancellationEvent({ type: "NoSuchEvent" }),
      cancellationEvent({ source: "nowhere" }),
      schemaFailure,
      good,
    ]);
    await waitUntil(() => consumerSettled(stream.stream, stream.durable, 6), "all settled");

    expect(await inboxRows(pool, [schemaFailure.id])).toEqual([
      { eventId: schemaFailure.id, status: "dead", failureClass: "schema" },
    ]);
    expect(await inboxRows(pool, [good.id])).toEqual([
      { eventId: good.id, status: "pending", failureClass: null },
    ]);
    // Terminated, not left to come back: nothing was delivered twice.
    const info = await jsm.consumers.info(stream.stream, stream.durable);
    expect(info.delivered.consumer_seq).toBe(6);
  });
  it("stores the rest of a batch when the database refuses one row, and keeps offering that one", async () => {
    const stream = testStream();
    streams.push(stream.stream);
    const poison = cancellationEvent();
    const good = [cancellationEvent(), cancellationEvent()];
    // A row the edge's checks pass but the database refuses (nothing an event can carry does so today: the
    // edge refuses what PostgreSQL cannot store), for this test only.
    await pool.query(
      `ALTER TABLE "InboundEvent" ADD CONSTRAINT nats_test_refused CHECK ("eventId" <> '${poison.id}') NOT VALID`,
    );
    try {
      await jsm.streams.add({ name: stream.stream, subjects: stream.subjects });
      await publish(stream.subject, [poison, ...good]);
      await startSource(stream);

      await waitUntil(
        async () =>
          (
            await inboxRows(
              pool,
              good.map((event) => event.id),
            )
          ).length === 2,
        "the good events stored",
      );
      expect(await inboxRows(pool, [poison.id])).toEqual([]);
      const info = await jsm.consumers.info(stream.stream, stream.durable);
      expect(info.ack_floor.stream_seq).toBe(0);
      expect(info.num_ack_pending).toBe(1);
    } finally {
      await Promise.all(sources.splice(0).map((source) => source.stop()));
      await pool.query(`ALTER TABLE "InboundEvent" DROP CONSTRAINT nats_test_refused`);
    }
  });
});
