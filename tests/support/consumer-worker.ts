import { consumerHandlers } from "../../server/backbone/consumers.ts";
import { startConsumerRunner } from "../../server/backbone/runner.ts";
import { getDb } from "../../server/db/client.ts";
import { logger } from "../../server/lib/logger.ts";

// An app process's consumer runner on its own, for tests that kill it: short lease and poll, so a killed
// worker's claims come back within the test's patience.
startConsumerRunner({
  db: getDb(),
  handlers: consumerHandlers(),
  log: logger,
  pollMs: 100,
  leaseMs: 1_500,
  batchSize: 4,
});
process.stdout.write("consumer worker started\n");
