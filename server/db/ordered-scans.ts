import type { Db } from "./client.ts";
import { withTransaction, type Tx } from "./transaction.ts";

/**
 * Runs a work queue's claims and marks in a transaction whose plans read indexes in order, never by bitmap. A
 * queue's finished rows leave their entries in its waiting-row index until a vacuum; a bitmap scan fetches the
 * table row behind every one of them, while an index scan marks them dead once and steps over them after that.
 * Counting few waiting rows, the planner picked the bitmap scan, and a claim's cost grew with every row finished
 * since the last vacuum: at 1,000 events/s a delivery claim went from 3 ms to 12 ms within a minute, the inbox
 * claim from 17 ms to 100 ms (on a server without autovacuum it never stops growing).
 */
export function withOrderedScans<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withTransaction(db, async (tx) => {
    await tx.$executeRaw`SET LOCAL enable_bitmapscan = off`;
    return work(tx);
  });
}
