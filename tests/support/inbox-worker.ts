import { getDb } from "../../server/db/client.ts";
import { startInboxWorker } from "../../server/hub/processing/worker.ts";
import { logger } from "../../server/lib/logger.ts";

// An app process's inbox worker on its own, for tests that kill it: short lease and poll, so a killed worker's
// claims come back within the test's patience.
startInboxWorker({ db: getDb(), log: logger, pollMs: 100, leaseMs: 1_500, concurrency: 4 });
process.stdout.write("inbox worker started\n");
