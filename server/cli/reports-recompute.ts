import { getDb } from "../db/client.ts";
import { recomputeTicketFacts } from "../reports/recompute.ts";

// `npm run reports:recompute`: rebuild the ticket fact rows from the event log (after a fold fix, or to check
// that the incremental consumer agrees).

try {
  const started = Date.now();
  const { tickets } = await recomputeTicketFacts(getDb(), (done) => {
    if (done % 50_000 === 0) process.stdout.write(`${done} tickets…\n`);
  });
  process.stdout.write(
    `Recomputed ${tickets} ticket facts in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
  );
  process.exit(0);
} catch (error) {
  process.stderr.write(
    `reports:recompute failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
