import { BUCKET_MS, type Metric } from "../indicators/metrics.ts";
import type { SeriesWindows } from "../indicators/read.ts";
import { HOUR_MS, STALE_AFTER_MS, WEEK_MS, type Series } from "./condition.ts";
import type { AlertRule } from "./rules.ts";

// Which stored points a live evaluation needs: only the windows the conditions read, not a week of history.

/** How far back from `now` a rule's current window reaches, as a bucketStart bound. */
function recentLookbackMs(rule: AlertRule): number {
  switch (rule.kind) {
    case "threshold":
      return STALE_AFTER_MS + BUCKET_MS;
    case "change":
      // previous_hour compares with the hour before the current one.
      return (rule.comparisonWindow === "previous_hour" ? 2 * HOUR_MS : HOUR_MS) + BUCKET_MS;
    case "no_data":
      return 0;
  }
}

/** Load buckets in [recentFrom, now], and the hour a week ago for metrics with a same_hour_last_week rule. */
export function evaluationWindows(rules: readonly AlertRule[], now: Date): SeriesWindows {
  const nowMs = now.getTime();
  const lookback = Math.max(BUCKET_MS, ...rules.map(recentLookbackMs));
  const weeklyMetrics = [
    ...new Set(
      rules.flatMap((rule) =>
        rule.kind === "change" && rule.comparisonWindow === "same_hour_last_week" ? [rule.metric] : [],
      ),
    ),
  ];
  // windowAverage(end = now − 1 week) reads buckets that closed in (end − 1 h, end].
  const weekEnd = nowMs - WEEK_MS;
  return {
    recentFrom: new Date(nowMs - lookback),
    weekly:
      weeklyMetrics.length === 0
        ? null
        : { metrics: weeklyMetrics, from: new Date(weekEnd - HOUR_MS - BUCKET_MS), to: new Date(weekEnd) },
    now,
  };
}

const seriesKey = (cityId: string, metric: Metric) => `${cityId}|${metric}`;

export interface PointRow {
  cityId: string;
  metric: Metric;
  bucketStart: Date;
  value: number;
}

/** Groups loaded rows into one Series per (city, metric); keys without rows get an empty series. */
export function groupSeries(
  points: readonly PointRow[],
  lastUpdates: readonly { cityId: string; metric: Metric; lastUpdatedAt: Date | null }[],
): (cityId: string, metric: Metric) => Series {
  const byKey = new Map<string, { points: PointRow[]; lastUpdatedAt: Date | null }>();
  const entry = (key: string) => {
    let found = byKey.get(key);
    if (!found) {
      found = { points: [], lastUpdatedAt: null };
      byKey.set(key, found);
    }
    return found;
  };
  for (const point of points) entry(seriesKey(point.cityId, point.metric)).points.push(point);
  for (const update of lastUpdates)
    entry(seriesKey(update.cityId, update.metric)).lastUpdatedAt = update.lastUpdatedAt;
  return (cityId, metric) => byKey.get(seriesKey(cityId, metric)) ?? { points: [], lastUpdatedAt: null };
}

const MAX_RECENT_LOOKBACK_MS = 2 * HOUR_MS + BUCKET_MS;

/**
 * Whether a written bucket can change any rule's condition at `now`: it lies in the window some rule reads
 * (the last 2 hours, or the hour a week ago). Writing history outside them changes no condition, so an ingest
 * of old data leaves evaluation to the scheduled pass, which time-based transitions need anyway.
 */
export function affectsEvaluation(bucketStart: Date, now: Date): boolean {
  const t = bucketStart.getTime();
  const nowMs = now.getTime();
  if (t > nowMs) return false;
  if (t >= nowMs - MAX_RECENT_LOOKBACK_MS) return true;
  const weekEnd = nowMs - WEEK_MS;
  return t >= weekEnd - HOUR_MS - BUCKET_MS && t < weekEnd;
}
