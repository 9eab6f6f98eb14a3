import { BUCKET_MS } from "../indicators/metrics.ts";
import {
  HOUR_MS,
  STALE_AFTER_MS,
  WEEK_MS,
  evaluateCondition,
  type Series,
  type SeriesPoint,
} from "./condition.ts";
import { evaluate, isOpen, type AlertInstance } from "./evaluator.ts";
import type { AlertRule } from "./rules.ts";

// "Over the last 7 days this rule would have fired N times": the real evaluator replayed over stored points,
// with a fake clock stepping through the range.

interface PreviewPeriod {
  from: Date;
  /** When it would have resolved; the end of the range if it would still be firing. */
  to: Date;
  ongoing: boolean;
}

export interface Preview {
  firedCount: number;
  periods: PreviewPeriod[];
}

export const MAX_PREVIEW_STEPS = 20_000;

/** How far before `now` an evaluation reads points. */
function lookbackMs(rule: AlertRule): number {
  switch (rule.kind) {
    case "threshold":
      return STALE_AFTER_MS + BUCKET_MS;
    case "change":
      return (rule.comparisonWindow === "previous_hour" ? HOUR_MS : WEEK_MS) + HOUR_MS + BUCKET_MS;
    case "no_data":
      return 0;
  }
}

/** The earliest bucketStart the caller must load for a preview starting at `from` (a week earlier for weekly rules). */
export function previewDataFrom(rule: AlertRule, from: Date): Date {
  return new Date(from.getTime() - Math.max(lookbackMs(rule), BUCKET_MS));
}

/**
 * Replays `evaluate` at from, from + step, … ≤ to. The replay starts with no open alert at `from`, so an
 * incident already under way fires `forSeconds` after `from` at the earliest.
 * Each evaluation sees only buckets closed by its clock. Stored rows keep only their latest write time, so a
 * bucket counts as received when it closed; no_data rules are judged on that.
 */
export function previewRule(
  rule: AlertRule,
  series: Pick<Series, "points">,
  from: Date,
  to: Date,
  stepMinutes = 5,
): Preview {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs < fromMs) {
    throw new RangeError("previewRule: from and to must be valid dates with from ≤ to");
  }
  if (!Number.isInteger(stepMinutes) || stepMinutes <= 0) {
    throw new RangeError(`previewRule: stepMinutes must be a positive whole number (got ${stepMinutes})`);
  }
  const stepMs = stepMinutes * 60_000;
  if ((toMs - fromMs) / stepMs + 1 > MAX_PREVIEW_STEPS) {
    throw new RangeError(
      `previewRule: more than ${MAX_PREVIEW_STEPS} evaluations; use a shorter range or a longer step`,
    );
  }

  const points: SeriesPoint[] = [...series.points].sort(
    (a, b) => a.bucketStart.getTime() - b.bucketStart.getTime(),
  );
  // Any id works: the replayed alerts are never stored.
  const cityId = rule.cityId ?? "preview";
  const lookback = lookbackMs(rule);
  const periods: PreviewPeriod[] = [];
  let alert: AlertInstance | null = null;
  let firingSince: Date | null = null;
  let lo = 0;
  let hi = 0;

  for (let t = fromMs; t <= toMs; t += stepMs) {
    const now = new Date(t);
    while (hi < points.length && (points[hi]?.bucketStart.getTime() ?? Infinity) + BUCKET_MS <= t) hi += 1;
    while (lo < hi && (points[lo]?.bucketStart.getTime() ?? Infinity) + BUCKET_MS <= t - lookback) lo += 1;
    const lastClosed = points[hi - 1];
    const lastUpdatedAt = lastClosed ? new Date(lastClosed.bucketStart.getTime() + BUCKET_MS) : null;
    const condition = evaluateCondition(rule, { points: points.slice(lo, hi), lastUpdatedAt }, now);
    const step = evaluate(alert, condition, rule, now, cityId);
    if (step.transition === "firing") firingSince = now;
    if (step.transition === "resolved" && firingSince !== null) {
      periods.push({ from: firingSince, to: now, ongoing: false });
      firingSince = null;
    }
    alert = step.next !== null && isOpen(step.next) ? step.next : null;
  }
  if (firingSince !== null) periods.push({ from: firingSince, to, ongoing: true });
  return { firedCount: periods.length, periods };
}
