import type { Db } from "../db/client.ts";
import type { Logger } from "../lib/logger.ts";
import { rateLimitStore } from "../security/rate-limit-store.ts";
import { onOutboxEnqueued } from "./outbox-wake.ts";
import { startOutboxWorker, type NotificationWorker } from "./outbox-worker.ts";
import { postgresChannelRateLimiter } from "./rate-limit.ts";
import { createTransport } from "./transport.ts";

/** The app process's delivery worker: real transports, the shared rate-limit store, woken by local enqueues. */
export function startNotificationDelivery(options: {
  db: Db;
  log: Logger;
  consoleBaseUrl: string;
}): NotificationWorker {
  const worker = startOutboxWorker({
    db: options.db,
    log: options.log,
    transport: createTransport(),
    rateLimiter: postgresChannelRateLimiter(rateLimitStore()),
    consoleBaseUrl: options.consoleBaseUrl,
  });
  onOutboxEnqueued(worker.wake);
  return worker;
}
