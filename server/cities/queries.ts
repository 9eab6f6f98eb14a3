import type { Db } from "../db/client.ts";
import { openAlertSummaries } from "../alerts/queries.ts";
import { findCityOrThrow, listCities, type CityRecord } from "../indicators/cities.ts";
import {
  BUCKET_MS,
  demandSupplyBalance,
  downsample,
  METRIC_INFO,
  type Metric,
  type MetricPoint,
} from "../indicators/metrics.ts";
import { indicatorSeries, latestIndicators, rawPoints } from "../indicators/read.ts";
import { AppError } from "../lib/errors.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import type { MetricSeriesRequest } from "./contract.ts";
import { alertLevel, balanceOf, worstFirst, type CityStatus, type IndicatorValue } from "./status.ts";

// Read side of the city board: statuses for the overview and the REST list, one metric's series for REST.

async function statusesOf(db: Db, cities: readonly CityRecord[]): Promise<CityStatus[]> {
  const ids = cities.map((city) => city.id);
  const [latest, alerts] = await Promise.all([latestIndicators(db, ids), openAlertSummaries(db, ids)]);
  return cities.map((city) => {
    const indicators: Partial<Record<Metric, IndicatorValue>> = {};
    for (const row of latest) {
      if (row.cityId === city.id) indicators[row.metric] = { value: row.value, bucketStart: row.bucketStart };
    }
    const openAlerts = alerts.filter((alert) => alert.cityId === city.id);
    const level = alertLevel(openAlerts);
    return {
      ...city,
      indicators,
      balance: balanceOf(indicators),
      alertState: level.state,
      worstSeverity: level.worst,
      openAlerts,
    };
  });
}

/** Every city, worst first. */
export async function listCityStatuses(db: Db, context: ServiceContext): Promise<CityStatus[]> {
  requirePermission(context, "cities:read");
  return worstFirst(await statusesOf(db, await listCities(db)));
}

export async function cityStatus(db: Db, code: string): Promise<CityStatus> {
  const [status] = await statusesOf(db, [await findCityOrThrow(db, code)]);
  if (!status) throw new AppError("NOT_FOUND", `No city with code "${code}".`);
  return status;
}

const SPARKLINE_HOURS = 6;
const SPARKLINE_STEP_S = 900;

/** Demand ÷ supply per 15 minutes over the last hours, per city id; steps without couriers are left out. */
export async function balanceSparklines(
  db: Db,
  cityIds: readonly string[],
  now: Date,
): Promise<Record<string, MetricPoint[]>> {
  const from = new Date(now.getTime() - SPARKLINE_HOURS * 3_600_000);
  const rows = await rawPoints(db, cityIds, ["demand", "supply"], from, now);
  const result: Record<string, MetricPoint[]> = {};
  for (const cityId of cityIds) {
    const pick = (metric: Metric) =>
      downsample(
        rows.filter((row) => row.cityId === cityId && row.metric === metric),
        SPARKLINE_STEP_S,
        "avg",
      );
    const supply = new Map(pick("supply").map((point) => [point.bucketStart.getTime(), point.value]));
    result[cityId] = pick("demand").flatMap((demand) => {
      const couriers = supply.get(demand.bucketStart.getTime());
      if (couriers === undefined || couriers === 0) return [];
      return [{ bucketStart: demand.bucketStart, value: demandSupplyBalance(demand.value, couriers) }];
    });
  }
  return result;
}

const DEFAULT_SERIES_HOURS = 24;

/**
 * One metric in the metric's own aggregation, as the REST contract serves it. Without `to`, the range ends with
 * the bucket under way; without `from`, it starts 24 hours before `to`.
 */
export async function metricSeries(db: Db, context: ServiceContext, request: MetricSeriesRequest) {
  requirePermission(context, "cities:read");
  const city = await findCityOrThrow(db, request.code);
  const { metric, step } = request;
  const to = request.to ?? new Date(Math.ceil(context.clock.now().getTime() / BUCKET_MS) * BUCKET_MS);
  const from = request.from ?? new Date(to.getTime() - DEFAULT_SERIES_HOURS * 3_600_000);
  const result = await indicatorSeries(db, city.id, { metrics: [metric], from, to, stepSeconds: step });
  return {
    city: city.code,
    metric,
    from,
    to,
    step,
    source: result.source,
    aggregation: METRIC_INFO[metric].rollup,
    points: result.series[metric],
  };
}
