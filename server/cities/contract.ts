import { z } from "zod";
import { alertSummary, metric, planRun, severity } from "../alerts/contract.ts";
import { isBucketAligned, METRIC_INFO, metricSchema } from "../indicators/metrics.ts";
import { CHART_RANGES } from "./chart-ranges.ts";

// The city board's contract: what an ingest accepts, and the zod views of every city read, which the tRPC
// procedures declare as their output and the REST layer (server/api/rest/cities.ts) narrows. Views that hold
// instants take the date type: tRPC (superjson) carries Date, REST carries ISO strings. Every read names the
// city by its three-letter code.

export const cityCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "code must be a three-letter city code such as OSA");

// ── Ingest ───────────────────────────────────────────────────────────────────

const INSTANT_ERROR = "bucketStart must be an ISO 8601 date-time with a time zone, e.g. 2026-01-05T12:05:00Z";
const instant = z
  .union([z.date({ error: INSTANT_ERROR }), z.iso.datetime({ offset: true, error: INSTANT_ERROR })], {
    error: INSTANT_ERROR,
  })
  .transform((value) => (typeof value === "string" ? new Date(value) : value));

/**
 * One indicator reading from the platform. `city` is the City.code (e.g. "OSA"). An unaligned bucketStart is
 * rejected, not floored: flooring would silently merge two of the sender's buckets into one upserted row.
 */
export const ingestPointSchema = z
  .object({
    city: z
      .string({ error: "city must be a city code such as OSA" })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, "city must be a three-letter city code such as OSA"),
    metric: metricSchema,
    bucketStart: instant.refine(isBucketAligned, {
      error: "bucketStart must be on a 5-minute boundary (…:00, …:05, … with zero seconds)",
    }),
    value: z.number({ error: "value must be a finite number" }).min(0, "value cannot be negative"),
  })
  .superRefine((point, ctx) => {
    if (METRIC_INFO[point.metric].isRate && point.value > 1) {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: `value for ${point.metric} is a ratio between 0 and 1 (8 % is 0.08), got ${point.value}`,
      });
    }
  });
export type IngestPoint = z.output<typeof ingestPointSchema>;

export const MAX_INGEST_BATCH = 10_000;

/** A batch may not repeat a (city, metric, bucket): one upsert statement cannot update the same row twice. */
export const ingestBatchSchema = z
  .array(ingestPointSchema)
  .min(1, "points must contain at least one point")
  .max(MAX_INGEST_BATCH, `points may contain at most ${MAX_INGEST_BATCH} points`)
  .superRefine((points, ctx) => {
    const seen = new Map<string, number>();
    points.forEach((point, index) => {
      // zod still runs this after a point's own non-fatal issue (a bucketStart that is not a date-time stays a
      // string): that point is already refused, and is not a duplicate of anything.
      if (!(point.bucketStart instanceof Date)) return;
      const key = `${point.city}|${point.metric}|${point.bucketStart.getTime()}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else {
        ctx.addIssue({
          code: "custom",
          path: [index, "bucketStart"],
          message: `duplicate of point ${first}: same city, metric and bucketStart`,
        });
      }
    });
  });

export const ingestRequestSchema = z.object({ points: ingestBatchSchema });
export type IngestRequest = z.output<typeof ingestRequestSchema>;

export function ingestResult<D extends z.ZodType>(date: D) {
  return z.object({
    accepted: z.number().int(),
    cities: z.array(z.object({ code: z.string(), points: z.number().int(), from: date, to: date })),
    alerts: z.object({ triggered: z.number().int(), resolved: z.number().int() }),
  });
}
export type IngestResult = z.output<ReturnType<typeof ingestResult<z.ZodDate>>>;

// ── Reads ────────────────────────────────────────────────────────────────────

export const cityInput = z.object({ code: cityCodeSchema });
export type CityInput = z.output<typeof cityInput>;
export const chartInput = cityInput.extend({ range: z.enum(CHART_RANGES) });
export type ChartInput = z.output<typeof chartInput>;

/** One metric over [from, to) in steps of `step` seconds; a missing from / to reads the last 24 hours. */
export interface MetricSeriesRequest {
  code: string;
  metric: z.output<typeof metricSchema>;
  from?: Date;
  to?: Date;
  step: number;
}

export function cityStatus<D extends z.ZodType>(date: D) {
  return z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    nameJa: z.string(),
    timezone: z.string(),
    indicators: z
      .partialRecord(metric, z.object({ value: z.number(), bucketStart: date }))
      .describe("Latest bucket of each indicator"),
    balance: z
      .object({
        value: z.number().nullable().describe("demand ÷ supply of the latest buckets; null when supply is 0"),
        status: z.enum(["balanced", "shortage", "no_supply"]),
        bucketStart: date,
      })
      .nullable(),
    alertState: z.enum(["ok", "pending", "firing"]),
    /** The most severe firing alert's severity. */
    worstSeverity: severity.nullable(),
    openAlerts: z.array(alertSummary(date)),
  });
}

const point = <D extends z.ZodType>(date: D) => z.object({ bucketStart: date, value: z.number() });

export const cityTile = cityStatus(z.date()).extend({ sparkline: z.array(point(z.date())) });
export type CityTile = z.output<typeof cityTile>;

export const cityDetail = z.object({
  status: cityStatus(z.date()),
  alerts: z.array(alertSummary(z.date())),
  plans: z.array(planRun(z.date())),
});
export type CityDetail = z.output<typeof cityDetail>;

const seriesSource = z
  .enum(["raw", "hourly", "daily"])
  .describe("raw 5-minute points, or the hourly / daily rollups");

export const chartData = z.object({
  city: z.string(),
  range: z.enum(CHART_RANGES),
  from: z.date(),
  to: z.date(),
  source: seriesSource,
  stepSeconds: z.number().int(),
  series: z.record(metric, z.array(point(z.date()))),
});
export type ChartData = z.output<typeof chartData>;

export function metricSeries<D extends z.ZodType>(date: D) {
  return z.object({
    city: z.string(),
    metric,
    from: date,
    to: date,
    step: z.number().describe("seconds"),
    source: seriesSource,
    aggregation: z.enum(["sum", "avg", "max", "min"]),
    points: z.array(point(date)),
  });
}
