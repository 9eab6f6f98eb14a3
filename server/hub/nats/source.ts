import { jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from "@nats-io/jetstream";
import { connect, delay } from "@nats-io/transport-node";
import type { Logger } from "../../lib/logger.ts";
import type { SourceSnapshot } from "../edge/source-directory.ts";
import type { InboxReceipt, NewInboundEvent } from "../inbox-repository.ts";
import { checkMessage } from "./check-message.ts";
import { ensureStreamAndConsumer, type StreamSetup } from "./stream-setup.ts";

// The hub's NATS JetStream source: a durable pull consumer whose messages go into the inbox in batches. A
// message is acknowledged only after the statement holding its row has committed, so a crash in between means
// a redelivery, which the inbox's (source, id) uniqueness turns into a no-op. A message refused outright is
// terminated (logged, never redelivered) so that it cannot block the stream.

export interface NatsSourceOptions extends Partial<Pick<StreamSetup, "ackWaitMs" | "maxAckPending">> {
  url: string;
  stream: string;
  subjects: readonly string[];
  durable: string;
  sources(): Promise<SourceSnapshot>;
  /** Stores the rows; resolves once they are committed. */
  write(rows: readonly NewInboundEvent[]): Promise<InboxReceipt[]>;
  /** New rows arrived from these sources (EventSource.lastEventAt). */
  eventsArrived?(sources: ReadonlySet<string>): void;
  /** Messages stored per statement at most. */
  batchSize?: number;
  log: Logger;
}

export interface NatsSource {
  /** Stops pulling, stores and acknowledges what was already delivered, then closes the connection. */
  stop(): Promise<void>;
}

/** After a failed write the batch is offered again after this long. */
const RETRY_DELAY_MS = 2_000;

export async function startNatsSource(options: NatsSourceOptions): Promise<NatsSource> {
  const batchSize = options.batchSize ?? 500;
  const log = options.log.child({
    component: "nats-source",
    stream: options.stream,
    durable: options.durable,
  });
  const nc = await connect({ servers: options.url, name: `ops-console ${options.durable}` });
  try {
    await ensureStreamAndConsumer(await jetstreamManager(nc), {
      stream: options.stream,
      subjects: options.subjects,
      durable: options.durable,
      ackWaitMs: options.ackWaitMs ?? 30_000,
      // Four batches in hand at most: a delivered message waits a few writes for its ack, never the ack wait,
      // even when the database is slow (20 batches in hand took no more events a second).
      maxAckPending: options.maxAckPending ?? 4 * batchSize,
    });
  } catch (error) {
    await nc.close();
    throw error;
  }
  const consumer = await jetstream(nc).consumers.get(options.stream, options.durable);
  const receivedVia = `nats:${options.stream}/${options.durable}`;

  interface Storable {
    msg: JsMsg;
    row: NewInboundEvent;
  }

  /** Writes the rows; true once committed. */
  async function write(entries: readonly Storable[]): Promise<boolean> {
    const rows = entries.map((entry) => entry.row);
    try {
      const receipts = await options.write(rows);
      options.eventsArrived?.(new Set(rows.map((row) => row.source)));
      const duplicates = receipts.filter((receipt) => receipt.duplicate).length;
      log.debug({ stored: rows.length, duplicates }, "batch stored");
      // The HTTP edge answers these 409; a stream has no answer, so the log says it.
      const kept = receipts.flatMap((receipt, i) =>
        receipt.firstFailedSchema && rows[i]!.failureClass !== "schema" ? [rows[i]!.eventId] : [],
      );
      if (kept.length > 0)
        log.warn(
          { eventIds: kept },
          "re-sends of events whose first copy failed its schema: the inbox keeps that dead copy, not these",
        );
      return true;
    } catch (error) {
      log.error({ err: error, messages: rows.length }, "inbox write failed; offered again");
      return false;
    }
  }

  /** Checks a batch and terminates what is refused; the rest is to be written. */
  async function prepare(batch: readonly JsMsg[]): Promise<Storable[]> {
    let sources: SourceSnapshot;
    try {
      sources = await options.sources();
    } catch (error) {
      log.error({ err: error }, "event sources not readable; the batch is offered again");
      for (const msg of batch) msg.nak(RETRY_DELAY_MS);
      return [];
    }
    const storable: Storable[] = [];
    for (const msg of batch) {
      const checked = checkMessage(msg.data, msg.headers?.get("traceparent"), { sources, receivedVia });
      if (checked.kind === "store") {
        storable.push({ msg, row: checked.row });
        continue;
      }
      log.warn(
        { streamSeq: msg.seq, subject: msg.subject, reason: checked.reason },
        "stream message refused",
      );
      // No reason on the TERM: servers before 2.10.4 ignore a TERM that carries one, and redeliver forever.
      msg.term();
    }
    return storable;
  }

  /** Writes a checked batch and acknowledges each message whose row has committed. */
  async function commit(storable: readonly Storable[]): Promise<void> {
    if (storable.length === 0) return;
    if (await write(storable)) {
      for (const { msg } of storable) msg.ack();
      return;
    }
    // One row the database refuses (say, a \u0000 in a string) must not hold back the rest: each goes alone.
    for (const entry of storable) {
      if (storable.length > 1 && (await write([entry]))) entry.msg.ack();
      else entry.msg.nak(RETRY_DELAY_MS);
    }
  }

  let stopping = false;
  let messages: ConsumerMessages | null = null;

  /** Until the consumer ends: whatever arrived while the previous batch was written goes in one statement. */
  async function consumeIntoInbox(): Promise<void> {
    const buffer: JsMsg[] = [];
    let ended = false;
    let wake = () => {};
    const current = await consumer.consume({
      max_messages: 2 * batchSize,
      callback: (msg) => {
        buffer.push(msg);
        wake();
      },
    });
    messages = current;
    void current.closed().then(() => {
      ended = true;
      wake();
    });
    // The next batch is checked while the previous one is written; writes stay one at a time, in stream order.
    let writing = Promise.resolve();
    for (;;) {
      if (buffer.length > 0) {
        const storable = await prepare(buffer.splice(0, batchSize));
        await writing;
        writing = commit(storable);
      } else if (ended) {
        return writing;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  }

  const running = (async () => {
    while (!stopping) {
      try {
        await consumeIntoInbox();
      } catch (error) {
        log.warn({ err: error }, "stream consumer stopped; resuming");
      }
      if (!stopping) await delay(1_000);
    }
  })();
  log.info({ url: options.url }, "consuming the NATS stream into the inbox");

  return {
    stop: async () => {
      stopping = true;
      await messages?.close();
      await running;
      await nc.drain();
    },
  };
}
