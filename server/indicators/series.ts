import { BUCKET_MS, type Aggregation, type MetricPoint } from "./metrics.ts";

// Chart series: which table answers a step, and how rollup rows combine into longer steps. Pure.

export type SeriesSource = "raw" | "hourly" | "daily";

const HOUR_S = 3600;
const DAY_S = 86_400;
const DAY_MS = DAY_S * 1000;
export const MAX_SERIES_POINTS = 10_000;

/**
 * Whole days come from the daily rollups (the city's local days), whole hours from the hourly ones, anything
 * finer from the raw 5-minute points (kept for 3 years, so fine steps over older ranges are empty).
 */
export function seriesSource(stepSeconds: number): SeriesSource {
  if (stepSeconds % DAY_S === 0) return "daily";
  if (stepSeconds % HOUR_S === 0) return "hourly";
  return "raw";
}

export function checkStep(stepSeconds: number, from: Date, to: Date): string | null {
  if (!Number.isInteger(stepSeconds) || stepSeconds <= 0 || (stepSeconds * 1000) % BUCKET_MS !== 0) {
    return `step must be a positive multiple of ${BUCKET_MS / 1000} seconds`;
  }
  if (!(to.getTime() > from.getTime())) return "to must be after from";
  const points = (to.getTime() - from.getTime()) / (stepSeconds * 1000);
  if (points > MAX_SERIES_POINTS) {
    return `the range holds ${Math.ceil(points)} steps; use a longer step (at most ${MAX_SERIES_POINTS} points)`;
  }
  return null;
}

export interface RollupPoint {
  bucketStart: Date;
  sum: number;
  count: number;
  min: number;
  max: number;
}

function combine(group: readonly RollupPoint[], agg: Aggregation): number {
  switch (agg) {
    case "sum":
      return group.reduce((total, row) => total + row.sum, 0);
    case "avg": {
      const count = group.reduce((total, row) => total + row.count, 0);
      return group.reduce((total, row) => total + row.sum, 0) / count;
    }
    case "max":
      return Math.max(...group.map((row) => row.max));
    case "min":
      return Math.min(...group.map((row) => row.min));
  }
}

/**
 * Groups rollup rows into steps. Steps keep the rows' own phase: daily rows start at local midnight
 * (15:00Z for Tokyo), so a 1-day step is exactly one local day and a 7-day step seven of them.
 */
export function downsampleRollups(
  rows: readonly RollupPoint[],
  stepSeconds: number,
  agg: Aggregation,
): MetricPoint[] {
  const stepMs = stepSeconds * 1000;
  const dayBased = stepSeconds % DAY_S === 0;
  const groups = new Map<number, RollupPoint[]>();
  for (const row of rows) {
    const t = row.bucketStart.getTime();
    const phase = dayBased ? ((t % DAY_MS) + DAY_MS) % DAY_MS : 0;
    const key = Math.floor((t - phase) / stepMs) * stepMs + phase;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([key, group]) => ({ bucketStart: new Date(key), value: combine(group, agg) }));
}
