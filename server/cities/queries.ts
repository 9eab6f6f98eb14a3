import type { Db } from "../db/client.ts";
import { openAlertSummaries } from "../alerts/queries.ts";
import { AppError } from "../lib/errors.ts";
import {
  demandSupplyBalance,
  downsample,
  METRIC_INFO,
  type Aggregation,
  type Metric,
  type MetricPoint,
} from "./metrics.ts";
import {
  findCityByCode,
  latestIndicators,
  listCities,
  rawPoints,
  rollups,
  type CityRecord,
} from "./repository.ts";
import { checkStep, downsampleRollups, seriesSource, type SeriesSource } from "./series.ts";
import { alertLevel, balanceOf, worstFirst, type CityStatus, type IndicatorValue } from "./status.ts";

// Read side of the city board: statuses for the overview and the REST list, series for charts.

export async function findCityOrThrow(db: Db, code: string): Promise<CityRecord> {
  const city = await findCityByCode(db, code.trim().toUpperCase());
  if (!city) throw new AppError("NOT_FOUND", `No city with code "${code}".`);
  return city;
}

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
export async function cityStatuses(db: Db): Promise<CityStatus[]> {
  return worstFirst(await statusesOf(db, await listCities(db)));
}

export async function cityStatus(db: Db, code: string): Promise<CityStatus> {
  const [status] = await statusesOf(db, [await findCityOrThrow(db, code)]);
  if (!status) throw new AppError("NOT_FOUND", `No city with code "${code}".`);
  return status;
}

export const SPARKLINE_HOURS = 6;
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

export interface SeriesRequest {
  metrics: readonly Metric[];
  from: Date;
  to: Date;
  stepSeconds: number;
  /** Default: each metric's own (sums for counts, averages for levels). "avg" gives per-5-minute values. */
  aggregation?: Aggregation;
}

export interface SeriesResult {
  source: SeriesSource;
  stepSeconds: number;
  series: Record<Metric, MetricPoint[]>;
}

export async function citySeries(db: Db, city: CityRecord, request: SeriesRequest): Promise<SeriesResult> {
  const { metrics, from, to, stepSeconds } = request;
  const problem = checkStep(stepSeconds, from, to);
  if (problem) throw new AppError("BAD_REQUEST", problem);
  const source = seriesSource(stepSeconds);
  const aggOf = (metric: Metric) => request.aggregation ?? METRIC_INFO[metric].rollup;
  const series = Object.fromEntries(metrics.map((metric) => [metric, [] as MetricPoint[]])) as Record<
    Metric,
    MetricPoint[]
  >;
  if (source === "raw") {
    const rows = await rawPoints(db, [city.id], metrics, from, to);
    for (const metric of metrics) {
      series[metric] = downsample(
        rows.filter((row) => row.metric === metric),
        stepSeconds,
        aggOf(metric),
      );
    }
  } else {
    const rows = await rollups(db, source, city.id, metrics, from, to);
    for (const metric of metrics) {
      series[metric] = downsampleRollups(
        rows.filter((row) => row.metric === metric),
        stepSeconds,
        aggOf(metric),
      );
    }
  }
  return { source, stepSeconds, series };
}

/** One metric in the metric's own aggregation, as the REST contract serves it. */
export async function metricSeries(
  db: Db,
  code: string,
  query: { metric: Metric; from: Date; to: Date; step: number },
) {
  const city = await findCityOrThrow(db, code);
  const { metric, from, to, step } = query;
  const result = await citySeries(db, city, { metrics: [metric], from, to, stepSeconds: step });
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
