import type { Db } from "../db/client.ts";
import type { BatchEventHandler, ConsumerHandler, EventHandler } from "../events/delivered-event.ts";
import type { Logger } from "../lib/logger.ts";
import { inSpan, recordSpanError, SpanKind, tracingEnabled } from "../lib/telemetry/spans.ts";
import { claimDeliveries, markDeliveredMany, type ClaimedDelivery } from "./delivery-repository.ts";
import { consumerContext, deliveryWorkList, observeLatency } from "./delivery-work-list.ts";
import { afterFailure, LEASE_MS } from "./retry-policy.ts";
import type { WorkList } from "./work-list.ts";

// The backbone's runner, generic over work lists (the consumers' deliveries, the hub's inbox): it claims due
// items, handles them side by side (a claim never holds two items of one key, so order per key is kept), and
// records each outcome: done, retried with backoff, or a dead letter.

export interface DrainSettings {
  log: Logger;
  /** Items in hand at once, across keys. */
  concurrency?: number;
  /** How long a claim hides an item from other workers; a crashed worker's claims come back after it. */
  leaseMs?: number;
  /** Attempts before an item becomes a dead letter. */
  maxAttempts?: number;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2_000);
}

async function work<Item extends { attempts: number }, Result>(
  list: WorkList<Item, Result>,
  item: Item,
  settings: DrainSettings,
): Promise<void> {
  if (!tracingEnabled() || !list.span) return attempt(list, item, settings);
  // One span per attempt, a child of the trace the item was written in, covering its outcome's commit too.
  const { name, parent, attributes } = list.span(item);
  const spanAttributes = { ...attributes, "ops.work.list": list.name, "ops.work.attempt": item.attempts };
  return inSpan(name, { kind: SpanKind.CONSUMER, parent, attributes: spanAttributes }, () =>
    attempt(list, item, settings),
  );
}

async function attempt<Item extends { attempts: number }, Result>(
  list: WorkList<Item, Result>,
  item: Item,
  settings: DrainSettings,
): Promise<void> {
  const { log } = settings;
  try {
    const result = await list.handle(item);
    await list.done(item, result);
    log.debug({ list: list.name, ...list.describe(item), result }, "work item done");
  } catch (error) {
    recordSpanError(error);
    const failure = { message: describeError(error), ...list.classify(error) };
    const decision = failure.permanent
      ? ({ kind: "dead" } as const)
      : afterFailure(item.attempts, Math.random, settings.maxAttempts);
    const next = decision.kind === "dead" ? "dead" : { retryInMs: decision.delayMs };
    await list.failed(item, failure, next);
    const fields = {
      list: list.name,
      ...list.describe(item),
      failureClass: failure.failureClass,
      err: error,
    };
    if (next === "dead") log.error(fields, "work item dead-lettered");
    else log.warn(fields, "work item failed; will retry");
  }
}

/**
 * Handles a list's due items until none is due and none is in hand; returns how many it handled. Up to
 * `concurrency` items run at once and a free slot is refilled at once, so the next item of a key is taken as soon
 * as its predecessor is done.
 */
export async function drainWorkList<Item extends { attempts: number }, Result>(
  list: WorkList<Item, Result>,
  settings: DrainSettings,
): Promise<number> {
  const concurrency = settings.concurrency ?? 20;
  const inHand = new Set<Promise<void>>();
  let handled = 0;
  for (;;) {
    const room = concurrency - inHand.size;
    const batch = room > 0 ? await list.claim(room, settings.leaseMs ?? LEASE_MS) : [];
    for (const item of batch) {
      const running = work(list, item, settings).finally(() => inHand.delete(running));
      inHand.add(running);
    }
    handled += batch.length;
    if (inHand.size === 0) return handled;
    // Nothing more to claim now, or no room: wait for a slot (and for a key's next item to come free).
    if (batch.length === 0 || inHand.size >= concurrency) await Promise.race(inHand);
  }
}

/**
 * Handles the given items (already claimed, their leases standing) as if just claimed: each one's outcome is
 * recorded as drainWorkList records it. For batch paths, whose failed batch goes item by item.
 */
export function handleEach<Item extends { attempts: number }, Result>(
  list: WorkList<Item, Result>,
  items: readonly Item[],
  settings: DrainSettings,
): Promise<number> {
  let handed = false;
  const given = { ...list, claim: async () => (handed ? [] : ((handed = true), [...items])) };
  return drainWorkList(given, settings);
}

export interface WorkRunner {
  /** Drains every list (or the named one) now instead of at the next tick. */
  wake(name?: string): void;
  /** Stops taking work and waits for what is in hand. */
  stop(): Promise<void>;
}

export interface WorkRunnerOptions {
  log: Logger;
  /** Period of the drains that pick up retries coming due (and wake-ups that were lost). */
  pollMs?: number;
  /**
   * How long a woken list waits before it drains, gathering the wake-ups that follow into one drain: under a
   * stream of commits, one claim of many items instead of a claim per commit. A list woken while it drains waits
   * as long again after the drain.
   */
  settleMs?: number;
}

/**
 * Runs each list's drain in this process on every tick and whenever woken. One drain per list at a time; a wake
 * during a drain schedules one more, a settle window after it ends.
 */
export function startWorkRunner(
  drains: ReadonlyMap<string, () => Promise<number>>,
  options: WorkRunnerOptions,
): WorkRunner {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const settling = new Set<string>();
  let stopped = false;

  const drain = (name: string): void => {
    const run = drains.get(name);
    if (stopped || !run) return;
    if (running.has(name)) {
      again.add(name);
      return;
    }
    const draining = run()
      .then(() => undefined)
      .catch((error: unknown) => options.log.error({ list: name, err: error }, "work list drain failed"))
      .finally(() => {
        running.delete(name);
        if (again.delete(name)) settle(name);
      });
    running.set(name, draining);
  };
  const settle = (name: string): void => {
    const { settleMs } = options;
    if (!settleMs) return drain(name);
    if (settling.has(name)) return;
    settling.add(name);
    setTimeout(() => {
      settling.delete(name);
      drain(name);
    }, settleMs);
  };
  const wake = (name?: string) => (name === undefined ? [...drains.keys()].forEach(settle) : settle(name));
  const timer = setInterval(wake, options.pollMs ?? 1_000);
  timer.unref();
  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}

// ── The consumers of domain events ───────────────────────────────────────────

export type ConsumerRunner = WorkRunner;

export interface RunnerOptions extends Omit<DrainSettings, "concurrency"> {
  db: Db;
  handlers: ReadonlyMap<string, ConsumerHandler>;
  /** Poll period for retries coming due; committed events also wake their consumers. */
  pollMs?: number;
  /** See WorkRunnerOptions.settleMs (default CONSUMER_SETTLE_MS). */
  settleMs?: number;
  /** Deliveries of one consumer in hand at once. */
  batchSize?: number;
}

const drainSettings = (options: RunnerOptions): DrainSettings => ({
  log: options.log,
  concurrency: options.batchSize,
  leaseMs: options.leaseMs,
  maxAttempts: options.maxAttempts,
});

/** Deliveries a batch consumer claims and handles at once. */
const CONSUMER_BATCH = 250;

/** A batch handler as a per-event one: a batch of one, for the events of a batch that failed. */
const alone =
  (handler: BatchEventHandler): EventHandler =>
  async (db, context, event) =>
    (await handler.batch(db, () => context, [event]))[0] ?? "";

/**
 * Drains a batch consumer: claims up to CONSUMER_BATCH deliveries (never two of one aggregate), hands them to the
 * handler together and marks them done in one statement. A batch that throws goes event by event, each with its
 * own retries and dead letter. With tracing on, events go one by one, so each one's span continues its trace.
 */
async function drainInBatches(options: RunnerOptions, consumer: string, handler: BatchEventHandler) {
  const { db, log } = options;
  const eachAlone = deliveryWorkList(db, consumer, alone(handler));
  if (tracingEnabled()) return drainWorkList(eachAlone, drainSettings(options));
  let handled = 0;
  for (;;) {
    const claimed = await claimDeliveries(db, consumer, CONSUMER_BATCH, options.leaseMs ?? LEASE_MS);
    if (claimed.length === 0) return handled;
    handled += claimed.length;
    const events = claimed.map((delivery) => delivery.event);
    try {
      const notes = await handler.batch(db, (event) => consumerContext(consumer, event), events);
      await markDeliveredMany(
        db,
        consumer,
        claimed.map((delivery) => delivery.eventSeq),
      );
      events.forEach((event) => observeLatency(consumer, event));
      log.debug({ list: consumer, events: events.length, notes }, "work batch done");
    } catch (error) {
      log.warn(
        { list: consumer, events: events.length, err: error },
        "work batch failed; its events go one by one",
      );
      await handleEach(eachAlone, claimed, drainSettings(options));
    }
  }
}

/** Rounds of a per-event consumer hold this many times its concurrency, well inside the claims' lease. */
const ROUND_PER_SLOT = 5;

/**
 * Drains a per-event consumer in rounds: claims several times its concurrency at once, handles them side by side
 * (each failure retried or dead-lettered on its own), then marks the handled ones done in one statement. A claim
 * and a mark per event were most of the cost of a consumer whose handler has little to do.
 */
async function drainInRounds(options: RunnerOptions, consumer: string, handler: EventHandler) {
  const settings = drainSettings(options);
  const list = deliveryWorkList(options.db, consumer, handler);
  const size = (settings.concurrency ?? 20) * ROUND_PER_SLOT;
  let handled = 0;
  for (;;) {
    const claimed = await list.claim(size, options.leaseMs ?? LEASE_MS);
    if (claimed.length === 0) return handled;
    handled += claimed.length;
    const done: ClaimedDelivery[] = [];
    await handleEach({ ...list, done: async (delivery) => void done.push(delivery) }, claimed, settings);
    await markDeliveredMany(
      options.db,
      consumer,
      done.map((delivery) => delivery.eventSeq),
    );
    done.forEach((delivery) => observeLatency(consumer, delivery.event));
  }
}

/** Drains one consumer's due deliveries until none is due. Returns how many it handled. */
export async function drainConsumer(options: RunnerOptions, consumer: string): Promise<number> {
  const handler = options.handlers.get(consumer);
  if (!handler) throw new Error(`No handler for consumer ${consumer}`);
  if (typeof handler !== "function") return drainInBatches(options, consumer, handler);
  return drainInRounds(options, consumer, handler);
}

/**
 * A consumer woken by a commit drains this long after it: each commit of a busy stream used to cost every
 * subscribed consumer a claim, a transaction and a mark for a handful of deliveries. Under a steady stream a
 * consumer so drains about ten times a second, each time everything that came meanwhile.
 */
export const CONSUMER_SETTLE_MS = 100;

/** Every consumer in this process, each draining its deliveries. */
export function startConsumerRunner(options: RunnerOptions): ConsumerRunner {
  const drains = new Map(
    [...options.handlers.keys()].map(
      (consumer) => [consumer, () => drainConsumer(options, consumer)] as const,
    ),
  );
  return startWorkRunner(drains, {
    log: options.log,
    pollMs: options.pollMs,
    settleMs: options.settleMs ?? CONSUMER_SETTLE_MS,
  });
}
