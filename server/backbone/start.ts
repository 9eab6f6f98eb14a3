import { getDb } from "../db/client.ts";
import { SUBSCRIBERS_BY_TYPE } from "../events/subscriptions.ts";
import { env, requireDatabaseUrl } from "../lib/env.ts";
import { logger } from "../lib/logger.ts";
import { eventHub } from "../live/event-hub.ts";
import { JOBS } from "../jobs/registry.ts";
import { startBoss } from "../jobs/boss.ts";
import { startScheduler } from "../jobs/scheduler.ts";
import { inboxLagSeconds } from "../hub/processing/lag.ts";
import { startInboxWorker } from "../hub/processing/worker.ts";
import { startNotificationDelivery } from "../notifications/start.ts";
import { registerReadinessCheck } from "../ops/readiness-checks.ts";
import { consumerHandlers } from "./consumers.ts";
import { MAX_READY_LAG_SECONDS, readConsumerLag } from "./lag.ts";
import { startConsumerRunner } from "./runner.ts";

// What runs in the background of an app process: the event consumers (woken by committed events, polled for
// retries), the inbound event hub's inbox worker (woken by the edge's inserts), the NATS stream source when
// NATS_URL is set, and the scheduled jobs (pg-boss, once per period across instances).

async function wakeOnCommittedEvents(wake: (consumer: string) => void): Promise<void> {
  for await (const event of eventHub().events(undefined)) {
    for (const consumer of SUBSCRIBERS_BY_TYPE.get(event.type) ?? []) wake(consumer);
  }
}

async function startBackgroundWork(): Promise<void> {
  const log = logger.child({ component: "backbone" });
  if (env.IN_PROCESS_CONSUMERS === "on") {
    const runner = startConsumerRunner({
      db: getDb(),
      handlers: consumerHandlers(),
      log,
      maxAttempts: env.CONSUMER_MAX_ATTEMPTS,
    });
    wakeOnCommittedEvents(runner.wake).catch((error: unknown) =>
      log.warn({ err: error }, "event wake-ups stopped; consumers keep polling"),
    );
    startInboxWorker({
      db: getDb(),
      log: log.child({ worker: "hub.inbox" }),
      maxAttempts: env.CONSUMER_MAX_ATTEMPTS,
    });
    // The notification outbox's delivery worker; pages link back under the console's public URL.
    startNotificationDelivery({
      db: getDb(),
      log: log.child({ worker: "notifications.outbox" }),
      consoleBaseUrl: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
    });
  }
  registerReadinessCheck("consumers", async () => {
    const lag = await readConsumerLag(getDb());
    const worst = Math.max(0, ...lag.map((row) => row.lagSeconds));
    return {
      ok: worst <= MAX_READY_LAG_SECONDS,
      detail: Object.fromEntries(lag.map((row) => [`${row.consumer}.lagSeconds`, row.lagSeconds])),
    };
  });
  registerReadinessCheck("inbox", async () => {
    const lagSeconds = await inboxLagSeconds(getDb());
    return { ok: lagSeconds <= MAX_READY_LAG_SECONDS, detail: { lagSeconds } };
  });
  const natsUrl = env.NATS_URL;
  if (natsUrl) {
    // Imported only here, so a console without NATS_URL never loads the NATS client.
    const { startNatsSourceFromEnv } = await import("../hub/nats/start.ts");
    startNatsSourceFromEnv({ ...env, NATS_URL: natsUrl }, log).catch((error: unknown) =>
      log.error({ err: error }, "the NATS stream source stopped"),
    );
  }
  if (env.IN_PROCESS_JOBS === "on") {
    const boss = await startBoss(requireDatabaseUrl(), log);
    await startScheduler(boss, JOBS, log);
  }
}

const globalForBackground = globalThis as unknown as { opsBackground?: Promise<void> };

/**
 * Once per process, even when Next calls register() again after a reload. A failure to start is logged and
 * makes the process not ready, rather than taking the pages down with it.
 */
export function startBackgroundWorkOnce(): Promise<void> {
  globalForBackground.opsBackground ??= startBackgroundWork().catch((error: unknown) => {
    logger.error({ err: error }, "background work did not start");
    registerReadinessCheck("background", async () => ({ ok: false, detail: { started: false } }));
  });
  return globalForBackground.opsBackground;
}
