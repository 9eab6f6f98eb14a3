import { z } from "zod";

// The metrics catalogue: one value per city, metric and 5-minute bucket. Pure maths, no I/O.

// Must list exactly the Prisma enum `Metric`; metrics.test.ts fails to compile if the two drift.
export const METRICS = [
  "orders",
  "demand",
  "supply",
  "avg_delivery_minutes",
  "cancellation_rate",
  "kitchen_overloads",
  "delivery_failures",
] as const;
export type Metric = (typeof METRICS)[number];

export const metricSchema = z.enum(METRICS, {
  error: (issue) => `metric must be one of ${METRICS.join(", ")} (got ${JSON.stringify(issue.input)})`,
});

const BUCKET_MINUTES = 5;
export const BUCKET_MS = BUCKET_MINUTES * 60_000;

export type Locale = "en" | "ja";
export type Aggregation = "avg" | "sum" | "max" | "min";
export type MetricUnit =
  "orders" | "requests" | "couriers" | "minutes" | "ratio" | "restaurants" | "failures";

export interface MetricInfo {
  unit: MetricUnit;
  label: Record<Locale, string>;
  /** Sensible `downsample` aggregation: per-bucket counts add up over a longer step, levels average. */
  rollup: Aggregation;
  /** A share between 0 and 1 (shown as a percentage). */
  isRate: boolean;
}

/**
 * orders, demand and delivery_failures count events within the bucket; supply (active couriers),
 * avg_delivery_minutes, cancellation_rate and kitchen_overloads (restaurants flagged as overloaded) are levels.
 */
export const METRIC_INFO: Record<Metric, MetricInfo> = {
  orders: { unit: "orders", label: { en: "Orders", ja: "注文数" }, rollup: "sum", isRate: false },
  demand: { unit: "requests", label: { en: "Demand", ja: "需要" }, rollup: "sum", isRate: false },
  supply: {
    unit: "couriers",
    label: { en: "Supply (active couriers)", ja: "供給（稼働配達員）" },
    rollup: "avg",
    isRate: false,
  },
  avg_delivery_minutes: {
    unit: "minutes",
    label: { en: "Average delivery time", ja: "平均配達時間" },
    rollup: "avg",
    isRate: false,
  },
  cancellation_rate: {
    unit: "ratio",
    label: { en: "Cancellation rate", ja: "キャンセル率" },
    rollup: "avg",
    isRate: true,
  },
  kitchen_overloads: {
    unit: "restaurants",
    label: { en: "Overloaded kitchens", ja: "調理遅延店舗数" },
    rollup: "avg",
    isRate: false,
  },
  delivery_failures: {
    unit: "failures",
    label: { en: "Delivery failures", ja: "配達失敗数" },
    rollup: "sum",
    isRate: false,
  },
};

export const UNIT_LABELS: Record<MetricUnit, Record<Locale, string>> = {
  orders: { en: "orders", ja: "件" },
  requests: { en: "requests", ja: "件" },
  couriers: { en: "couriers", ja: "人" },
  minutes: { en: "min", ja: "分" },
  ratio: { en: "%", ja: "%" },
  restaurants: { en: "restaurants", ja: "店舗" },
  failures: { en: "failures", ja: "件" },
};

// Building an Intl.NumberFormat costs ~100× a format call, and evaluating thousands of rules formats many values.
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 2): string {
  if (value === Infinity) return "∞";
  if (value === -Infinity) return "-∞";
  const key = `${locale}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** A demand ÷ supply balance: "—" without both indicators, "∞" without supply (value null). */
export function formatBalance(balance: { value: number | null } | null, locale: Locale): string {
  if (balance === null) return "—";
  return balance.value === null ? "∞" : formatNumber(balance.value, locale, 2);
}

/** "47.5 min", "8.2%", "12 couriers" / "47.5分", "8.2%", "12人". Rates are stored 0–1 and shown as percentages. */
export function formatMetricValue(metric: Metric, value: number, locale: Locale): string {
  const { unit, isRate } = METRIC_INFO[metric];
  const unitLabel = UNIT_LABELS[unit][locale];
  if (isRate) return `${formatNumber(value * 100, locale, 1)}${unitLabel}`;
  const separator = locale === "ja" ? "" : " ";
  return `${formatNumber(value, locale)}${separator}${unitLabel}`;
}

/** Floors to the 5-minute bucket, aligned to the UTC epoch (so 12:07:13Z → 12:05:00Z). */
export function bucketStart(date: Date): Date {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("bucketStart: invalid date");
  return new Date(Math.floor(ms / BUCKET_MS) * BUCKET_MS);
}

export function isBucketAligned(date: Date): boolean {
  const ms = date.getTime();
  return Number.isFinite(ms) && ms % BUCKET_MS === 0;
}

/**
 * Orders asked for per available courier: demand ÷ supply. Above 1 means a courier shortage.
 * No couriers with demand waiting is Infinity ("no supply"); no demand at all is 0, because an idle city
 * at night is not short of anything.
 */
export function demandSupplyBalance(demand: number, supply: number): number {
  if (!(demand >= 0) || !(supply >= 0) || !Number.isFinite(demand) || !Number.isFinite(supply)) {
    throw new RangeError(
      `demandSupplyBalance: demand and supply must be finite and ≥ 0 (got ${demand}, ${supply})`,
    );
  }
  if (demand === 0) return 0;
  if (supply === 0) return Infinity;
  return demand / supply;
}

export type BalanceStatus = "no_supply" | "shortage" | "balanced";

export function balanceStatus(balance: number): BalanceStatus {
  if (balance === Infinity) return "no_supply";
  return balance > 1 ? "shortage" : "balanced";
}

export interface MetricPoint {
  bucketStart: Date;
  value: number;
}

/**
 * Groups points into epoch-aligned steps (UTC: a 1-day step starts at 00:00Z, 09:00 in Tokyo) and aggregates
 * each. Steps without points are left out rather than filled with 0: missing data is not a zero reading.
 */
export function downsample(
  points: readonly MetricPoint[],
  stepSeconds: number,
  agg: Aggregation,
): MetricPoint[] {
  if (!Number.isInteger(stepSeconds) || stepSeconds <= 0 || (stepSeconds * 1000) % BUCKET_MS !== 0) {
    // A step that is not a whole number of buckets would split one bucket's value across two steps.
    throw new RangeError(
      `downsample: stepSeconds must be a positive multiple of ${BUCKET_MS / 1000} (got ${stepSeconds})`,
    );
  }
  const stepMs = stepSeconds * 1000;
  const groups = new Map<number, { sum: number; count: number; min: number; max: number }>();
  for (const { bucketStart: at, value } of points) {
    const key = Math.floor(at.getTime() / stepMs) * stepMs;
    const group = groups.get(key);
    if (group) {
      group.sum += value;
      group.count += 1;
      group.min = Math.min(group.min, value);
      group.max = Math.max(group.max, value);
    } else {
      groups.set(key, { sum: value, count: 1, min: value, max: value });
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([key, g]) => ({
      bucketStart: new Date(key),
      value: agg === "sum" ? g.sum : agg === "avg" ? g.sum / g.count : agg === "max" ? g.max : g.min,
    }));
}
