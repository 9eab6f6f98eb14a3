import type { Db } from "../db/client.ts";
import { cityAlertPanel } from "../alerts/queries.ts";
import { findCityOrThrow } from "../indicators/cities.ts";
import { BUCKET_MS, type Metric } from "../indicators/metrics.ts";
import { indicatorSeries } from "../indicators/read.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import type { ChartRange } from "./chart-ranges.ts";
import type { ChartData, ChartInput, CityDetail, CityInput, CityTile } from "./contract.ts";
import { balanceSparklines, cityStatus, listCityStatuses } from "./queries.ts";

// What the console's city screens show, one call per screen part.

/** Long ranges read the hourly rollups; short ones the raw 5-minute points. */
const RANGE_SPEC: Record<ChartRange, { hours: number; stepSeconds: number }> = {
  "6h": { hours: 6, stepSeconds: 300 },
  "24h": { hours: 24, stepSeconds: 900 },
  "7d": { hours: 7 * 24, stepSeconds: 3600 },
  "30d": { hours: 30 * 24, stepSeconds: 3 * 3600 },
};

const CHART_METRICS: readonly Metric[] = [
  "demand",
  "supply",
  "orders",
  "avg_delivery_minutes",
  "cancellation_rate",
  "delivery_failures",
  "kitchen_overloads",
];

export async function cityBoard(db: Db, context: ServiceContext): Promise<CityTile[]> {
  const statuses = await listCityStatuses(db, context);
  const sparklines = await balanceSparklines(
    db,
    statuses.map((city) => city.id),
    context.clock.now(),
  );
  return statuses.map((city) => ({ ...city, sparkline: sparklines[city.id] ?? [] }));
}

const HISTORY_DAYS = 30;

/** The city's status, its alerts of the last 30 days (for the list and the chart shading) and their plan runs. */
export async function cityDetail(db: Db, context: ServiceContext, { code }: CityInput): Promise<CityDetail> {
  requirePermission(context, "cities:read");
  const status = await cityStatus(db, code);
  const since = new Date(context.clock.now().getTime() - HISTORY_DAYS * 86_400_000);
  return { status, ...(await cityAlertPanel(db, status.id, since)) };
}

/**
 * Every chart metric over the range ending with the current bucket, as per-5-minute averages so that counts
 * read the same at every step ("orders per 5 min") and demand compares with supply.
 */
export async function chartSeries(
  db: Db,
  context: ServiceContext,
  { code, range }: ChartInput,
): Promise<ChartData> {
  requirePermission(context, "cities:read");
  const city = await findCityOrThrow(db, code);
  const { hours, stepSeconds } = RANGE_SPEC[range];
  const stepMs = stepSeconds * 1000;
  const to = new Date(Math.ceil((context.clock.now().getTime() + BUCKET_MS) / stepMs) * stepMs);
  const from = new Date(to.getTime() - hours * 3_600_000);
  const result = await indicatorSeries(db, city.id, {
    metrics: CHART_METRICS,
    from,
    to,
    stepSeconds,
    aggregation: "avg",
  });
  return { city: city.code, range, from, to, ...result };
}
