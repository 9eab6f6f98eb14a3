import type { Db } from "../db/client.ts";
import type { EventHandler } from "../events/delivered-event.ts";
import type { Logger } from "../lib/logger.ts";
import { deliveryWorkList } from "./delivery-work-list.ts";
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
  const { log } = settings;
  try {
    const result = await list.handle(item);
    await list.done(item, result);
    log.debug({ list: list.name, ...list.describe(item), result }, "work item done");
  } catch (error) {
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

export interface WorkRunner {
  /** Drains every list (or the named one) now instead of at the next tick. */
  wake(name?: string): void;
  /** Stops taking work and waits for what is in hand. */
  stop(): Promise<void>;
}

/**
 * Runs each list's drain in this process on every tick and whenever woken. One drain per list at a time; a wake
 * during a drain schedules one more.
 */
export function startWorkRunner(
  drains: ReadonlyMap<string, () => Promise<number>>,
  options: { log: Logger; pollMs?: number },
): WorkRunner {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
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
        if (again.delete(name)) drain(name);
      });
    running.set(name, draining);
  };
  const wake = (name?: string) => (name === undefined ? [...drains.keys()].forEach(drain) : drain(name));
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
  handlers: ReadonlyMap<string, EventHandler>;
  /** Poll period for retries coming due; committed events also wake the runner at once. */
  pollMs?: number;
  /** Deliveries of one consumer in hand at once. */
  batchSize?: number;
}

const drainSettings = (options: RunnerOptions): DrainSettings => ({
  log: options.log,
  concurrency: options.batchSize,
  leaseMs: options.leaseMs,
  maxAttempts: options.maxAttempts,
});

/** Drains one consumer's due deliveries until none is due. Returns how many it handled. */
export async function drainConsumer(options: RunnerOptions, consumer: string): Promise<number> {
  const handler = options.handlers.get(consumer);
  if (!handler) throw new Error(`No handler for consumer ${consumer}`);
  return drainWorkList(deliveryWorkList(options.db, consumer, handler), drainSettings(options));
}

/** Every consumer in this process, each draining its deliveries. */
export function startConsumerRunner(options: RunnerOptions): ConsumerRunner {
  const drains = new Map(
    [...options.handlers.keys()].map(
      (consumer) => [consumer, () => drainConsumer(options, consumer)] as const,
    ),
  );
  return startWorkRunner(drains, { log: options.log, pollMs: options.pollMs });
}
