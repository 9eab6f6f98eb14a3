import pg from "pg";
import { startWorkRunner, type DrainSettings, type WorkRunner } from "../../backbone/runner.ts";
import type { Db } from "../../db/client.ts";
import { requireDatabaseUrl } from "../../lib/env.ts";
import type { Logger } from "../../lib/logger.ts";
import { INBOX_CHANNEL } from "../inbox-repository.ts";
import { settleHolds } from "../processing-repository.ts";
import { drainInbox, INBOX_BATCH } from "./batch.ts";
import { INBOX_WORKER } from "./inbox-work-list.ts";
import { registerInboxDepthGauge } from "./metrics.ts";

// The inbox worker of an app process: woken by the edge's NOTIFY after each committed insert, and polling for
// retries coming due (and for a wake-up lost while the listening connection was down) and for rows whose held
// state disagrees with their source's.

const INBOX_DRAINS = 2;

export interface InboxWorkerOptions extends Omit<DrainSettings, "log"> {
  db: Db;
  log: Logger;
  pollMs?: number;
}

export function startInboxWorker(options: InboxWorkerOptions): WorkRunner {
  const { db, log } = options;
  registerInboxDepthGauge(db);
  const settings: DrainSettings = {
    log,
    concurrency: options.concurrency ?? INBOX_BATCH,
    leaseMs: options.leaseMs,
    maxAttempts: options.maxAttempts,
  };
  // Two drains side by side: while one batch waits on the database the other is worked. Their claims never
  // share an event, nor two events of one ordering key, so per-key order holds as with one.
  const drains = new Map(
    Array.from({ length: INBOX_DRAINS }, (_, n) => [
      `${INBOX_WORKER}#${n + 1}`,
      () => drainInbox(db, settings),
    ]),
  );
  const runner = startWorkRunner(drains, { log, pollMs: options.pollMs });
  // Held rows follow their sources' status (the edge decides from a copy a few seconds old): checked each poll.
  const holds = setInterval(() => {
    settleHolds(db)
      .then((moved) => moved > 0 && log.info({ moved }, "inbox rows held or released after their source"))
      .catch((error: unknown) => log.warn({ err: error }, "settling held inbox rows failed"));
  }, options.pollMs ?? 1_000);
  holds.unref();
  let listener: pg.Client | null = null;
  let stopped = false;
  const listen = async (): Promise<void> => {
    if (stopped) return;
    const client = new pg.Client({ connectionString: requireDatabaseUrl() });
    client.on("notification", () => runner.wake());
    client.on("error", (error) => {
      log.warn({ err: error }, "inbox listener connection lost; reconnecting (the worker keeps polling)");
      listener = null;
      client.end().catch(() => undefined);
      setTimeout(() => void listen().catch(() => undefined), 1_000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${INBOX_CHANNEL}`);
    listener = client;
  };
  listen().catch((error: unknown) =>
    log.warn({ err: error }, "inbox wake-ups unavailable; the worker polls"),
  );
  return {
    wake: () => runner.wake(),
    async stop() {
      stopped = true;
      clearInterval(holds);
      await listener?.end();
      await runner.stop();
    },
  };
}
