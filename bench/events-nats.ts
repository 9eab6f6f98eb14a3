import { randomBytes, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { applyMigrations } from "../server/db/migrate.ts";
import { readEdgeSources } from "../server/hub/edge/edge-sources-repository.ts";
import { InboxWriter } from "../server/hub/edge/inbox-writer.ts";
import { SourceDirectory } from "../server/hub/edge/source-directory.ts";
import { inboxPool, insertInboundEvents, type NewInboundEvent } from "../server/hub/inbox-repository.ts";
import { checkMessage } from "../server/hub/nats/check-message.ts";
import { startNatsSource } from "../server/hub/nats/source.ts";
import { logger } from "../server/lib/logger.ts";
import { createScratchDatabase } from "../tests/support/databases.ts";
import { benchServer } from "./measure.ts";

// npm run bench:events-nats — the NATS JetStream source's rate into the inbox (messages already in the stream,
// the source started cold), beside the floor: the inbox's own write (a COPY) of the same rows, 500 a statement,
// with nothing around it.
// A scratch database on DATABASE_URL's server (or an embedded PostgreSQL) and a throwaway stream on NATS_URL
// (default nats://127.0.0.1:4222). Prints numbers; asserts nothing.

const EVENTS = 50_000;
const STATEMENT_ROWS = 500;
const PUBLISH_IN_FLIGHT = 1_000;
const TARGET_PER_SECOND = 5_000;

function cancellation() {
  const now = new Date().toISOString();
  return {
    specversion: "1.0",
    id: randomUUID(),
    source: "consumer_experience",
    type: "OrderCancellationRequested",
    time: now,
    data: {
      orderId: `order-${randomUUID()}`,
      consumerId: `consumer-${randomBytes(3).toString("hex")}`,
      restaurantId: "restaurant-1",
      cityCode: "TYO",
      reason: "late_delivery",
      requestedAt: now,
    },
  };
}

const rate = (count: number, ms: number) => Math.round(count / (ms / 1_000));

async function main() {
  const natsUrl = process.env.NATS_URL ?? "nats://127.0.0.1:4222";
  const { url, embedded } = await benchServer();
  const scratch = await createScratchDatabase(url, "ops_bench");
  const pool = inboxPool(scratch.url, "bench-events-nats");
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  const tag = randomBytes(4).toString("hex");
  const stream = { stream: `BENCH_${tag}`, subjects: [`bench.${tag}.>`], durable: `hub_${tag}` };
  try {
    await applyMigrations(scratch.url);
    await pool.query(
      `INSERT INTO "EventSource" (key, name, "updatedAt") VALUES ('consumer_experience', 'Consumer experience', now())`,
    );
    const directory = new SourceDirectory(() => readEdgeSources(pool));

    // The floor: the same kind of rows, checked beforehand, inserted bare.
    const sources = await directory.current();
    const floorRows: NewInboundEvent[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const checked = checkMessage(Buffer.from(JSON.stringify(cancellation())), undefined, {
        sources,
        receivedVia: "bench:floor",
      });
      if (checked.kind === "store") floorRows.push(checked.row);
    }
    let start = performance.now();
    for (let i = 0; i < floorRows.length; i += STATEMENT_ROWS) {
      await insertInboundEvents(pool, floorRows.slice(i, i + STATEMENT_ROWS));
    }
    const floorRate = rate(floorRows.length, performance.now() - start);

    await jsm.streams.add({ name: stream.stream, subjects: stream.subjects });
    const js = jetstream(nc);
    for (let i = 0; i < EVENTS; i += PUBLISH_IN_FLIGHT) {
      await Promise.all(
        Array.from({ length: Math.min(PUBLISH_IN_FLIGHT, EVENTS - i) }, () =>
          js.publish(`bench.${tag}.events`, JSON.stringify(cancellation())),
        ),
      );
    }

    // The source as an app process runs it: the edge's grouped writer over the same insert.
    const writer = new InboxWriter((rows) => insertInboundEvents(pool, rows), {
      maxRows: 1_000,
      maxWaitMs: 2,
      maxConcurrent: 4,
    });
    let stored = 0;
    let done: () => void = () => undefined;
    const allStored = new Promise<void>((resolve) => (done = resolve));
    start = performance.now();
    const source = await startNatsSource({
      url: natsUrl,
      ...stream,
      sources: () => directory.current(),
      write: async (rows) => {
        const receipts = await writer.write(rows);
        stored += rows.length;
        if (stored >= EVENTS) done();
        return receipts;
      },
      log: logger.child({ bench: "events-nats" }),
    });
    await allStored;
    const natsRate = rate(stored, performance.now() - start);
    await source.stop();

    console.log(`NATS JetStream source, ${EVENTS} events already in the stream:`);
    console.log(
      `  NATS → inbox                              ${natsRate} events/s (target ≥ ${TARGET_PER_SECOND})`,
    );
    console.log(`  floor: bare COPY, ${STATEMENT_ROWS} rows a statement     ${floorRate} events/s`);
    console.log(`  NATS / floor: ${(natsRate / floorRate).toFixed(2)}`);
  } finally {
    await jsm.streams.delete(stream.stream).catch(() => undefined);
    await nc.close();
    await pool.end();
    await scratch.drop();
    await embedded?.stop();
  }
}

await main();
