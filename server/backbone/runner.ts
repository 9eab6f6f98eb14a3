import type { Db } from "../db/client.ts";
import type { EventHandler } from "../events/delivered-event.ts";
import type { Logger } from "../lib/logger.ts";
import { systemContext } from "../lib/service-context.ts";
import { claimDeliveries, markDelivered, markFailed, type ClaimedDelivery } from "./delivery-repository.ts";
import { afterFailure, LEASE_MS } from "./retry-policy.ts";

export interface ConsumerRunner {
  /** Runs every consumer's due deliveries now instead of at the next tick. */
  wake(): void;
  /** Stops taking work and waits for what is in hand. */
  stop(): Promise<void>;
}

export interface RunnerOptions {
  db: Db;
  handlers: ReadonlyMap<string, EventHandler>;
  log: Logger;
  /** Poll period for retries coming due; committed events also wake the runner at once. */
  pollMs?: number;
  batchSize?: number;
  /** How long a claim hides a delivery from other workers; a crashed worker's claims come back after it. */
  leaseMs?: number;
  /** Attempts before a delivery becomes a dead letter. */
  maxAttempts?: number;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2_000);
}

async function deliver(
  options: RunnerOptions,
  handler: EventHandler,
  delivery: ClaimedDelivery,
): Promise<void> {
  const { db, log } = options;
  const { consumer, eventSeq, event } = delivery;
  const context = systemContext(consumer, { correlationId: event.correlationId, causationId: event.id });
  try {
    const note = await handler(db, context, event);
    await markDelivered(db, consumer, eventSeq);
    log.info({ consumer, event: event.id, type: event.type, note }, "event consumed");
  } catch (error) {
    const decision = afterFailure(delivery.attempts, Math.random, options.maxAttempts);
    await markFailed(
      db,
      consumer,
      eventSeq,
      describe(error),
      decision.kind === "dead" ? "dead" : { retryInMs: decision.delayMs },
    );
    const level = decision.kind === "dead" ? "error" : "warn";
    log[level](
      { consumer, event: event.id, type: event.type, attempts: delivery.attempts, err: error },
      decision.kind === "dead" ? "event dead-lettered" : "event consumer failed; will retry",
    );
  }
}

/** Drains one consumer's due deliveries, batch after batch, until none is due. Returns how many it handled. */
export async function drainConsumer(options: RunnerOptions, consumer: string): Promise<number> {
  const handler = options.handlers.get(consumer);
  if (!handler) throw new Error(`No handler for consumer ${consumer}`);
  let handled = 0;
  for (;;) {
    const batch = await claimDeliveries(
      options.db,
      consumer,
      options.batchSize ?? 20,
      options.leaseMs ?? LEASE_MS,
    );
    if (batch.length === 0) return handled;
    // Claimed deliveries are of different aggregates (the claim takes one per aggregate at most in order), so
    // they may run side by side.
    await Promise.all(batch.map((delivery) => deliver(options, handler, delivery)));
    handled += batch.length;
  }
}

/**
 * Runs every consumer in this process: on each tick and whenever woken, each consumer drains what is due.
 * One drain per consumer at a time; a wake during a drain schedules one more.
 */
export function startConsumerRunner(options: RunnerOptions): ConsumerRunner {
  const consumers = [...options.handlers.keys()];
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  let stopped = false;

  const drain = (consumer: string): void => {
    if (stopped) return;
    if (running.has(consumer)) {
      again.add(consumer);
      return;
    }
    const run = drainConsumer(options, consumer)
      .then(() => undefined)
      .catch((error: unknown) => options.log.error({ consumer, err: error }, "consumer drain failed"))
      .finally(() => {
        running.delete(consumer);
        if (again.delete(consumer)) drain(consumer);
      });
    running.set(consumer, run);
  };
  const wake = () => consumers.forEach(drain);
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
