import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvent } from "../events/record.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { deleteRawBefore } from "./repository.ts";

// Raw 5-minute points are kept for 3 years; the hourly and daily rollups forever (≈ 3 MB a year per city).

const RAW_RETENTION_YEARS = 3;
const DELETE_CHUNK = 20_000;
// Bounds one run; a larger backlog (say, after importing old history) is finished by the next runs.
const MAX_CHUNKS_PER_RUN = 50;

export function retentionCutoff(now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - RAW_RETENTION_YEARS);
  return cutoff;
}

/** Deletes raw points older than the cutoff in short chunks; records one event when anything went. */
export async function pruneRawIndicators(db: Db, context: ServiceContext) {
  const cutoff = retentionCutoff(context.clock.now());
  let deleted = 0;
  for (let chunk = 0; chunk < MAX_CHUNKS_PER_RUN; chunk++) {
    const count = await deleteRawBefore(db, cutoff, DELETE_CHUNK);
    deleted += count;
    if (count < DELETE_CHUNK) break;
  }
  if (deleted > 0) {
    await withTransaction(db, (tx) =>
      recordEvent(tx, context, {
        type: "IndicatorsPruned",
        aggregateType: "city_indicators",
        aggregateId: "retention",
        payload: { before: cutoff.toISOString(), deleted },
      }),
    );
  }
  return { cutoff: cutoff.toISOString(), deleted };
}
