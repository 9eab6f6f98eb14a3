import { getDb } from "../../server/db/client.ts";
import { logger } from "../../server/lib/logger.ts";
import { createOutboxWorker } from "../../server/notifications/outbox-worker.ts";
import { postgresChannelRateLimiter } from "../../server/notifications/rate-limit.ts";
import type { Transport } from "../../server/notifications/transport.ts";
import { rateLimitStore } from "../../server/security/rate-limit-store.ts";

/** The outbox worker as the app runs it, on the test database, with links to a fixed console address. */
export function testOutboxWorker(transport: Transport, maxAttempts = 6) {
  return createOutboxWorker({
    db: getDb(),
    log: logger,
    transport,
    rateLimiter: postgresChannelRateLimiter(rateLimitStore()),
    consoleBaseUrl: "https://ops.example.com",
    maxAttempts,
  });
}
