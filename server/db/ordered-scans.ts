import type { Db } from "./client.ts";
import { withTransaction, type Tx } from "./transaction.ts";

/**
 * Runs a work queue's claims and marks in a transaction whose plans read indexes in order, never by bitmap or
 * by a whole-table scan. A queue's finished rows leave their entries in its waiting-row index until a vacuum; a
 * bitmap scan fetches the table row behind every one of them, while an index scan marks them dead once and steps
 * over them after that. Counting few waiting rows, the planner picked the bitmap scan, and a claim's cost grew
 * with every row finished since the last vacuum: at 1,000 events/s a delivery claim went from 3 ms to 12 ms
 * within a minute, the inbox claim from 17 ms to 100 ms (on a server without autovacuum it never stops growing).
 * With bitmap scans off, it then picked a scan of the whole inbox, a hash anti-join and a sort instead of reading
 * the index until the claim's limit: 76–207 ms a claim on a table of 20,000 rows, growing with the table.
 */
export function withOrderedScans<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withTransaction(db, async (tx) => {
    await tx.$executeRaw`
      SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)`;
    return work(tx);
  });
}
