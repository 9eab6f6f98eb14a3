import { readEdgeSources } from "../../server/hub/edge/edge-sources-repository.ts";
import { SourceDirectory } from "../../server/hub/edge/source-directory.ts";
import { inboxPool, insertInboundEvents } from "../../server/hub/inbox-repository.ts";
import { startNatsSource } from "../../server/hub/nats/source.ts";
import { logger } from "../../server/lib/logger.ts";

// A NATS source that dies (kill -9) right after its first inbox write has committed and before it acknowledges
// a single message: the crash the source must survive without losing or doubling an event.
const pool = inboxPool(process.env.DATABASE_URL!, "nats-crash-worker");
const directory = new SourceDirectory(() => readEdgeSources(pool));
await startNatsSource({
  url: process.env.NATS_URL!,
  stream: process.env.IT_STREAM!,
  subjects: [process.env.IT_SUBJECTS!],
  durable: process.env.IT_DURABLE!,
  ackWaitMs: 1_000,
  sources: () => directory.current(),
  write: async (rows) => {
    await insertInboundEvents(pool, rows);
    process.kill(process.pid, "SIGKILL");
    return [];
  },
  log: logger,
});
