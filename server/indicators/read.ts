import type { Queryable } from "../db/transaction.ts";
import { AppError } from "../lib/errors.ts";
import { downsample, METRIC_INFO, type Aggregation, type Metric, type MetricPoint } from "./metrics.ts";
import { rawPoints, rollups } from "./repository.ts";
import { checkStep, downsampleRollups, seriesSource, type SeriesSource } from "./series.ts";

// Reading stored indicators: the newest bucket of each metric, raw points, series over any step (from raw points
// or the rollups), and the windows an alert evaluation reads. The SQL stays in repository.ts.

export { lastUpdates, latestIndicators, rawPoints, seriesPoints, type SeriesWindows } from "./repository.ts";

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

/** One city's series; a step the tables cannot answer, or too many points, is a 400 saying why. */
export async function indicatorSeries(
  db: Queryable,
  cityId: string,
  request: SeriesRequest,
): Promise<SeriesResult> {
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
    const rows = await rawPoints(db, [cityId], metrics, from, to);
    for (const metric of metrics) {
      series[metric] = downsample(
        rows.filter((row) => row.metric === metric),
        stepSeconds,
        aggOf(metric),
      );
    }
  } else {
    const rows = await rollups(db, source, cityId, metrics, from, to);
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
