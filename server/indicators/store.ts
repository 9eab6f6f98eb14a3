import type { Tx } from "../db/transaction.ts";
import { refreshRollups, upsertIndicators, type IndicatorRow, type TouchedHour } from "./repository.ts";

// Writing indicator points: the raw upsert, then the rollups of the hours and local days it touched, in the
// caller's transaction (which holds the cities' locks, so a rollup is recomputed after any concurrent batch).

export type { IndicatorRow } from "./repository.ts";

const HOUR_MS = 3_600_000;

function touchedHours(rows: readonly IndicatorRow[]): TouchedHour[] {
  const seen = new Map<string, TouchedHour>();
  for (const row of rows) {
    const hour = new Date(Math.floor(row.bucketStart.getTime() / HOUR_MS) * HOUR_MS);
    seen.set(`${row.cityId}|${row.metric}|${hour.getTime()}`, {
      cityId: row.cityId,
      metric: row.metric,
      hour,
    });
  }
  return [...seen.values()];
}

/** A validated batch (no duplicate keys) in; `receivedAt` is each row's write time, which no_data rules read. */
export async function storeIndicators(
  tx: Tx,
  rows: readonly IndicatorRow[],
  receivedAt: Date,
): Promise<void> {
  await upsertIndicators(tx, rows, receivedAt);
  await refreshRollups(tx, touchedHours(rows));
}
