import type { Db } from "../db/client.ts";
import { cityAlertHistory, type AlertSummary } from "../alerts/queries.ts";
import { planRunsOf, type PlanRun } from "../alerts/plan-repository.ts";
import type { ChartRange } from "./chart-ranges.ts";
import { BUCKET_MS, type Metric, type MetricPoint } from "./metrics.ts";
import {
  balanceSparklines,
  citySeries,
  cityStatus,
  cityStatuses,
  findCityOrThrow,
  type SeriesResult,
} from "./queries.ts";
import type { CityStatus } from "./status.ts";

// What the console's city screens show, one call per screen part.

/** Long ranges read the hourly rollups; short ones the raw 5-minute points. */
const RANGE_SPEC: Record<ChartRange, { hours: number; stepSeconds: number }> = {
  "6h": { hours: 6, stepSeconds: 300 },
  "24h": { hours: 24, stepSeconds: 900 },
  "7d": { hours: 7 * 24, stepSeconds: 3600 },
  "30d": { hours: 30 * 24, stepSeconds: 3 * 3600 },
};

export const CHART_METRICS: readonly Metric[] = [
  "demand",
  "supply",
  "orders",
  "avg_delivery_minutes",
  "cancellation_rate",
  "delivery_failures",
  "kitchen_overloads",
];

export interface CityTile extends CityStatus {
  sparkline: MetricPoint[];
}

export async function cityBoard(db: Db, now: Date = new Date()): Promise<CityTile[]> {
  const statuses = await cityStatuses(db);
  const sparklines = await balanceSparklines(
    db,
    statuses.map((city) => city.id),
    now,
  );
  return statuses.map((city) => ({ ...city, sparkline: sparklines[city.id] ?? [] }));
}

export interface CityDetail {
  status: CityStatus;
  alerts: AlertSummary[];
  plans: PlanRun[];
}

const HISTORY_DAYS = 30;

/** The city's status, its alerts of the last 30 days (for the list and the chart shading) and their plan runs. */
export async function cityDetail(db: Db, code: string, now: Date = new Date()): Promise<CityDetail> {
  const status = await cityStatus(db, code);
  const alerts = await cityAlertHistory(db, status.id, new Date(now.getTime() - HISTORY_DAYS * 86_400_000));
  const plans = await planRunsOf(
    db,
    alerts.map((alert) => alert.id),
  );
  return { status, alerts, plans };
}

export interface ChartData extends SeriesResult {
  range: ChartRange;
  from: Date;
  to: Date;
}

/**
 * Every chart metric over the range ending with the current bucket, as per-5-minute averages so that counts
 * read the same at every step ("orders per 5 min") and demand compares with supply.
 */
export async function chartSeries(
  db: Db,
  code: string,
  range: ChartRange,
  now: Date = new Date(),
): Promise<ChartData> {
  const city = await findCityOrThrow(db, code);
  const { hours, stepSeconds } = RANGE_SPEC[range];
  const stepMs = stepSeconds * 1000;
  const to = new Date(Math.ceil((now.getTime() + BUCKET_MS) / stepMs) * stepMs);
  const from = new Date(to.getTime() - hours * 3_600_000);
  const result = await citySeries(db, city, {
    metrics: CHART_METRICS,
    from,
    to,
    stepSeconds,
    aggregation: "avg",
  });
  return { ...result, range, from, to };
}
