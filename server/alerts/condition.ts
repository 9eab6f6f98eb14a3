import {
  BUCKET_MS,
  METRIC_INFO,
  formatMetricValue,
  formatNumber,
  type Locale,
  type Metric,
} from "../indicators/metrics.ts";
import type { AlertRuleInput, ChangeRule, ComparisonWindow, NoDataRule, ThresholdRule } from "./rules.ts";

// Whether a rule's condition holds for one city's series at `now`. Stateless: the evaluator adds time.

export interface SeriesPoint {
  bucketStart: Date;
  value: number;
}

export interface Series {
  points: readonly SeriesPoint[];
  /** When any indicator of this metric and city was last written (CityIndicator.updatedAt), null if never. */
  lastUpdatedAt: Date | null;
}

type Explanation = Record<Locale, string>;

export interface ConditionResult {
  /** The firing condition holds. */
  breaching: boolean;
  /** There is positive evidence the condition is over (past the recovery threshold, if any). */
  recovered: boolean;
  /** threshold: the latest value; change: the percent change; no_data: minutes since the last update. */
  value: number | null;
  explanation: Explanation;
}

/**
 * Only closed buckets count (bucketStart + 5 min ≤ now): a bucket still filling would read low for counts like
 * orders and make a drop rule fire early, and a replay must not see data from after its clock.
 * A closed bucket stays "the latest value" for 15 minutes after it closed, so two late buckets do not blank the
 * series, like Prometheus's lookback window tolerates missed scrapes.
 */
export const STALE_AFTER_MS = 15 * 60_000;
export const HOUR_MS = 3_600_000;
export const WEEK_MS = 7 * 24 * HOUR_MS;

const COMPARISON_OFFSET_MS: Record<ComparisonWindow, number> = {
  previous_hour: HOUR_MS,
  same_hour_last_week: WEEK_MS,
};

const WINDOW_LABEL: Record<ComparisonWindow, Explanation> = {
  previous_hour: { en: "the previous hour", ja: "前の1時間" },
  same_hour_last_week: { en: "the same hour last week", ja: "先週の同じ時間帯" },
};

/**
 * (current − previous) ÷ previous, in percent. From 0 to 0 is no change; from 0 to anything else is ±Infinity,
 * as PromQL's division gives, so a rise rule fires when a metric appears from nothing and a drop rule cannot.
 */
export function percentChange(current: number, previous: number): number {
  if (previous === 0) return current === 0 ? 0 : current > 0 ? Infinity : -Infinity;
  // Multiplying before dividing keeps round cases exact (100 → 80 is -20, not -20.000000000000004).
  return ((current - previous) * 100) / Math.abs(previous);
}

export function formatPercentChange(change: number, locale: Locale): string {
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
  return `${sign}${formatNumber(Math.abs(change), locale, 1)}%`;
}

/** Average of the buckets that closed within (endMs − lengthMs, endMs]; null when none did. */
export function windowAverage(
  points: readonly SeriesPoint[],
  endMs: number,
  lengthMs: number,
): number | null {
  let sum = 0;
  let count = 0;
  for (const point of points) {
    const closedAt = point.bucketStart.getTime() + BUCKET_MS;
    if (closedAt > endMs - lengthMs && closedAt <= endMs) {
      sum += point.value;
      count += 1;
    }
  }
  return count === 0 ? null : sum / count;
}

/** The most recent closed bucket that is not stale, or null. */
export function latestPoint(points: readonly SeriesPoint[], nowMs: number): SeriesPoint | null {
  let latest: SeriesPoint | null = null;
  for (const point of points) {
    const closedAt = point.bucketStart.getTime() + BUCKET_MS;
    if (closedAt > nowMs || nowMs - closedAt >= STALE_AFTER_MS) continue;
    if (latest === null || point.bucketStart.getTime() >= latest.bucketStart.getTime()) latest = point;
  }
  return latest;
}

const label = (metric: Metric, locale: Locale) => METRIC_INFO[metric].label[locale];

function unknown(explanation: Explanation): ConditionResult {
  // Without a value neither the breach nor the recovery can be shown: pending alerts lapse, firing ones hold.
  return { breaching: false, recovered: false, value: null, explanation };
}

function evaluateThreshold(rule: Omit<ThresholdRule, "id">, series: Series, nowMs: number): ConditionResult {
  const { metric, operator, threshold, recoveryThreshold } = rule;
  const latest = latestPoint(series.points, nowMs);
  if (latest === null) {
    return unknown({
      en: `${label(metric, "en")} has no value from the last ${STALE_AFTER_MS / 60_000} minutes.`,
      ja: `${label(metric, "ja")}の直近${STALE_AFTER_MS / 60_000}分間の値がありません。`,
    });
  }
  const value = latest.value;
  const above = operator === "above";
  const breaching = above ? value > threshold : value < threshold;
  const recovered =
    recoveryThreshold === null ? !breaching : above ? value < recoveryThreshold : value > recoveryThreshold;
  const fmt = (v: number, locale: Locale) => formatMetricValue(metric, v, locale);
  const level = recoveryThreshold ?? threshold;
  const levelName =
    recoveryThreshold === null
      ? { en: "threshold", ja: "しきい値" }
      : { en: "recovery level", ja: "回復レベル" };
  const side: Explanation = breaching
    ? {
        en: `${operator} the threshold of ${fmt(threshold, "en")}`,
        ja: `しきい値${fmt(threshold, "ja")}を${above ? "上回って" : "下回って"}います`,
      }
    : recovered
      ? {
          en: `within the ${levelName.en} of ${fmt(level, "en")}`,
          ja: `${levelName.ja}${fmt(level, "ja")}の範囲内です`,
        }
      : {
          en: `not yet past the recovery level of ${fmt(level, "en")}`,
          ja: `まだ回復レベル${fmt(level, "ja")}に達していません`,
        };
  return {
    breaching,
    recovered,
    value,
    explanation: {
      en: `${label(metric, "en")} is ${fmt(value, "en")}, ${side.en}.`,
      ja: `${label(metric, "ja")}は${fmt(value, "ja")}で、${side.ja}。`,
    },
  };
}

function evaluateChange(rule: Omit<ChangeRule, "id">, series: Series, nowMs: number): ConditionResult {
  const { metric, operator, changePercent, comparisonWindow } = rule;
  const window = WINDOW_LABEL[comparisonWindow];
  const current = windowAverage(series.points, nowMs, HOUR_MS);
  if (current === null) {
    return unknown({
      en: `${label(metric, "en")} has no data in the last hour.`,
      ja: `${label(metric, "ja")}の直近1時間のデータがありません。`,
    });
  }
  const previous = windowAverage(series.points, nowMs - COMPARISON_OFFSET_MS[comparisonWindow], HOUR_MS);
  if (previous === null) {
    return unknown({
      en: `${label(metric, "en")} has no data for ${window.en} to compare with.`,
      ja: `比較対象の${window.ja}の${label(metric, "ja")}データがありません。`,
    });
  }
  const change = percentChange(current, previous);
  const breaching = operator === "drop" ? change <= -changePercent : change >= changePercent;
  const fmt = (v: number, locale: Locale) => formatMetricValue(metric, v, locale);
  const limit = (locale: Locale) =>
    locale === "en"
      ? `${operator} threshold ${formatNumber(changePercent, "en")}%`
      : `${operator === "drop" ? "減少" : "増加"}のしきい値${formatNumber(changePercent, "ja")}%`;
  return {
    breaching,
    recovered: !breaching,
    value: change,
    explanation: {
      en: `${label(metric, "en")} averaged ${fmt(current, "en")} over the last hour against ${fmt(previous, "en")} in ${window.en}: ${formatPercentChange(change, "en")} (${limit("en")}).`,
      ja: `${label(metric, "ja")}の直近1時間の平均は${fmt(current, "ja")}、${window.ja}は${fmt(previous, "ja")}で、${formatPercentChange(change, "ja")}です（${limit("ja")}）。`,
    },
  };
}

function evaluateNoData(rule: Omit<NoDataRule, "id">, series: Series, nowMs: number): ConditionResult {
  const { metric, noDataMinutes } = rule;
  if (series.lastUpdatedAt === null) {
    return {
      breaching: true,
      recovered: false,
      value: null,
      explanation: {
        en: `No ${label(metric, "en")} data has ever been received.`,
        ja: `${label(metric, "ja")}のデータを一度も受信していません。`,
      },
    };
  }
  // A write stamped after `now` (clock skew) counts as fresh.
  const ageMs = Math.max(0, nowMs - series.lastUpdatedAt.getTime());
  const breaching = ageMs >= noDataMinutes * 60_000;
  const minutes = Math.floor(ageMs / 6_000) / 10;
  return {
    breaching,
    recovered: !breaching,
    value: minutes,
    explanation: {
      en: `${label(metric, "en")} data was last updated ${formatNumber(minutes, "en", 1)} min ago (limit ${noDataMinutes} min).`,
      ja: `${label(metric, "ja")}の最終更新は${formatNumber(minutes, "ja", 1)}分前です（上限${noDataMinutes}分）。`,
    },
  };
}

export function evaluateCondition(rule: AlertRuleInput, series: Series, now: Date): ConditionResult {
  const nowMs = now.getTime();
  switch (rule.kind) {
    case "threshold":
      return evaluateThreshold(rule, series, nowMs);
    case "change":
      return evaluateChange(rule, series, nowMs);
    case "no_data":
      return evaluateNoData(rule, series, nowMs);
  }
}

/** The value that best describes an alert: the highest for above/rise/no_data rules, the lowest for below/drop. */
export function worstValue(rule: AlertRuleInput, a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  const lowerIsWorse = rule.kind !== "no_data" && (rule.operator === "below" || rule.operator === "drop");
  return lowerIsWorse ? Math.min(a, b) : Math.max(a, b);
}
