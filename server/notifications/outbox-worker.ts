import type { Db } from "../db/client.ts";
import type { Logger } from "../lib/logger.ts";
import { piiKeyring } from "../lib/pii-keyring.ts";
import { systemContext, type ServiceContext } from "../lib/service-context.ts";
import { findChannelsByIds } from "./channel-repository.ts";
import { recordAttempts, type SentRow } from "./delivery-recording.ts";
import { pagerdutyKeyFor } from "./incident-keys.ts";
import {
  claimDueDeliveries,
  findRecipients,
  heldBehindTrigger,
  markDeferred,
  type ClaimedDelivery,
  type DeferredUpdate,
} from "./outbox-repository.ts";
import type { ChannelRateLimiter } from "./rate-limit.ts";
import { resolveChannel, type ChannelProblem, type ResolvedChannel } from "./resolved-channel.ts";
import { sendDelivery } from "./sender.ts";
import type { Transport } from "./transport.ts";
import type { Recipient } from "./types.ts";
import { groupBy } from "../lib/group-by.ts";

// The delivery worker: claims due outbox rows in batches (SKIP LOCKED, under a lease), holds back what a channel's
// rate limit does not allow yet, sends the rest side by side and records the batch's outcomes in one transaction.
// Several batches run at once, so one slow provider does not hold up the others for long.

export interface OutboxWorkerOptions {
  db: Db;
  log: Logger;
  transport: Transport;
  rateLimiter: ChannelRateLimiter;
  consoleBaseUrl: string;
  batchSize?: number;
  concurrentBatches?: number;
  leaseMs?: number;
  maxAttempts?: number;
  context?: ServiceContext;
}

const CHANNEL_CACHE_MS = 5_000;
/** How long a PagerDuty acknowledge/resolve waits before it looks again for its trigger's outcome. */
const HOLD_BEHIND_TRIGGER_MS = 1_000;

function recipientOf(row: {
  id: string;
  name: string;
  email: string;
  locale: string;
  disabledAt: Date | null;
}): Recipient | null {
  if (row.disabledAt) return null;
  return { userId: row.id, name: row.name, email: row.email, locale: row.locale === "ja" ? "ja" : "en" };
}

export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { db, log } = options;
  const context = options.context ?? systemContext("notifications.delivery");
  const cache = new Map<string, { at: number; channel: ResolvedChannel | ChannelProblem }>();

  async function channelsFor(ids: readonly string[]): Promise<Map<string, ResolvedChannel | ChannelProblem>> {
    const now = Date.now();
    const missing = ids.filter((id) => (cache.get(id)?.at ?? 0) + CHANNEL_CACHE_MS < now);
    if (missing.length > 0) {
      for (const row of await findChannelsByIds(db, missing))
        cache.set(row.id, { at: now, channel: resolveChannel(row, piiKeyring()) });
      for (const id of missing) if ((cache.get(id)?.at ?? 0) < now) cache.delete(id);
    }
    return new Map(
      ids.flatMap((id) => {
        const hit = cache.get(id);
        return hit ? [[id, hit.channel] as const] : [];
      }),
    );
  }

  /** Splits a batch into rows that may go now and rows the channel's rate limit holds back. */
  async function throttle(rows: ClaimedDelivery[], channels: Map<string, ResolvedChannel | ChannelProblem>) {
    const byChannel = groupBy(
      rows.filter((row) => row.channelId),
      (row) => row.channelId!,
    );
    const held: DeferredUpdate[] = [];
    const heldIds = new Set<string>();
    await Promise.all(
      [...byChannel].map(async ([channelId, channelRows]) => {
        const channel = channels.get(channelId);
        if (!channel || "unusable" in channel) return;
        const { allowed, retryInMs } = await options.rateLimiter.take(
          channelId,
          channel.ratePerMinute,
          channelRows.length,
        );
        for (const row of channelRows.slice(allowed)) {
          held.push({ id: row.id, attempts: row.attempts, retryInMs });
          heldIds.add(row.id);
        }
      }),
    );
    return { go: rows.filter((row) => !heldIds.has(row.id)), held };
  }

  /** PagerDuty acknowledge/resolve rows whose alert's trigger has not gone out (or been given up) yet. */
  async function orderedAfterTriggers(rows: ClaimedDelivery[]) {
    const followUps = rows.filter((row) => row.channelKind === "pagerduty" && row.action !== "trigger");
    const waiting = await heldBehindTrigger(
      db,
      followUps.map((row) => row.id),
    );
    const held: DeferredUpdate[] = rows
      .filter((row) => waiting.has(row.id))
      .map((row) => ({ id: row.id, attempts: row.attempts, retryInMs: HOLD_BEHIND_TRIGGER_MS }));
    return { rest: rows.filter((row) => !waiting.has(row.id)), held };
  }

  async function processBatch(limit: number): Promise<number> {
    const claimed = await claimDueDeliveries(db, limit, options.leaseMs ?? 30_000);
    if (claimed.length === 0) return 0;
    const ordered = await orderedAfterTriggers(claimed);
    await markDeferred(db, ordered.held);
    const rows = ordered.rest;
    const channels = await channelsFor([
      ...new Set(rows.flatMap((row) => (row.channelId ? [row.channelId] : []))),
    ]);
    const userIds = [...new Set(rows.flatMap((row) => (row.recipientUserId ? [row.recipientUserId] : [])))];
    const recipients = new Map(
      (await findRecipients(db, userIds)).map((user) => [user.id, recipientOf(user)]),
    );
    const { go, held } = await throttle(rows, channels);
    await markDeferred(db, held);
    const now = context.clock.now();
    const sendContext = {
      transport: options.transport,
      now,
      consoleBaseUrl: options.consoleBaseUrl,
      pagerdutyKey: (row: ClaimedDelivery, channelId: string) => pagerdutyKeyFor(db, row, channelId),
    };
    const sent: SentRow[] = await Promise.all(
      go.map(async (row) => {
        const channel = row.channelId ? (channels.get(row.channelId) ?? null) : null;
        const recipient = row.recipientUserId ? (recipients.get(row.recipientUserId) ?? null) : null;
        const attempt = await sendDelivery(row, channel, recipient, sendContext);
        return { row, attempt, channelName: channel && !("unusable" in channel) ? channel.name : null };
      }),
    );
    const counts = await recordAttempts(db, context, sent, { maxAttempts: options.maxAttempts });
    if (counts.dead > 0 || counts.retrying > 0)
      log.warn({ ...counts, held: held.length }, "notification deliveries failed");
    return claimed.length;
  }

  /** Delivers until nothing is due; returns how many rows it claimed. */
  async function drain(): Promise<number> {
    const batchSize = options.batchSize ?? 100;
    let total = 0;
    const lane = async () => {
      for (;;) {
        const claimed = await processBatch(batchSize);
        total += claimed;
        if (claimed < batchSize) return;
      }
    };
    await Promise.all(Array.from({ length: options.concurrentBatches ?? 4 }, lane));
    return total;
  }

  return { drain, processBatch };
}

export interface NotificationWorker {
  wake(): void;
  stop(): Promise<void>;
}

/** Drains on every tick and whenever woken (an enqueue in this process); one drain at a time. */
export function startOutboxWorker(options: OutboxWorkerOptions & { pollMs?: number }): NotificationWorker {
  const worker = createOutboxWorker(options);
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const wake = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = worker
      .drain()
      .then(() => undefined)
      .catch((error: unknown) => options.log.error({ err: error }, "notification outbox drain failed"))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          wake();
        }
      });
  };
  const timer = setInterval(wake, options.pollMs ?? 1_000);
  timer.unref();
  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      options.transport.close();
    },
  };
}
