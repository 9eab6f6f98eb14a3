import { z } from "zod";
import { SEVERITIES } from "../alerts/rules.ts";
import { BUCKET_MS, METRICS, metricSchema } from "./metrics.ts";
import type { CityStatus } from "./status.ts";

// The REST contract of the city board: query schemas the routes parse with, and the response shapes the
// OpenAPI document publishes (instants as ISO 8601 strings, as Response.json writes Dates).

const instant = (field: string) =>
  z.iso
    .datetime({
      offset: true,
      error: `${field} must be an ISO 8601 date-time with a time zone, e.g. 2026-01-05T12:00:00Z`,
    })
    .transform((value) => new Date(value));

export const DEFAULT_SERIES_HOURS = 24;

export const seriesQuerySchema = z
  .object({
    metric: metricSchema,
    from: instant("from").optional(),
    to: instant("to").optional(),
    step: z.coerce
      .number({ error: "step must be a number of seconds" })
      .int("step must be a whole number of seconds")
      .positive("step must be positive")
      .default(BUCKET_MS / 1000),
  })
  .transform(({ metric, from, to, step }) => {
    const end = to ?? new Date(Math.ceil(Date.now() / BUCKET_MS) * BUCKET_MS);
    return {
      metric,
      to: end,
      from: from ?? new Date(end.getTime() - DEFAULT_SERIES_HOURS * 3_600_000),
      step,
    };
  });

export const cityCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "code must be a three-letter city code such as OSA");

const isoString = z.iso.datetime();
const indicatorValue = z.object({ value: z.number(), bucketStart: isoString });

export const cityResponseSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameJa: z.string(),
  timezone: z.string(),
  indicators: z.partialRecord(z.enum(METRICS), indicatorValue).describe("Latest bucket of each indicator"),
  balance: z
    .object({
      value: z.number().nullable().describe("demand ÷ supply of the latest buckets; null when supply is 0"),
      status: z.enum(["balanced", "shortage", "no_supply"]),
      bucketStart: isoString,
    })
    .nullable(),
  alertState: z.enum(["ok", "pending", "firing"]),
  openAlerts: z.array(
    z.object({
      id: z.uuid(),
      ruleId: z.uuid(),
      ruleName: z.string(),
      metric: z.enum(METRICS),
      state: z.enum(["pending", "firing"]),
      severity: z.enum(SEVERITIES),
      value: z.number().nullable(),
      pendingSince: isoString,
      firedAt: isoString.nullable(),
      acknowledgedAt: isoString.nullable(),
      silencedUntil: isoString.nullable(),
    }),
  ),
});

export const cityListResponseSchema = z.object({ cities: z.array(cityResponseSchema) });

export const seriesResponseSchema = z.object({
  city: z.string(),
  metric: z.enum(METRICS),
  from: isoString,
  to: isoString,
  step: z.number().describe("seconds"),
  source: z.enum(["raw", "hourly", "daily"]).describe("raw 5-minute points, or the hourly / daily rollups"),
  aggregation: z.enum(["sum", "avg", "max", "min"]),
  points: z.array(z.object({ bucketStart: isoString, value: z.number() })),
});

export const ingestResponseSchema = z.object({
  accepted: z.number(),
  cities: z.array(z.object({ code: z.string(), points: z.number(), from: isoString, to: isoString })),
  alerts: z.object({ triggered: z.number(), resolved: z.number() }),
});

/** The REST view of a city's status (no internal ids beyond alert and rule ids). */
export function toCityResponse(status: CityStatus) {
  return {
    code: status.code,
    name: status.name,
    nameJa: status.nameJa,
    timezone: status.timezone,
    indicators: status.indicators,
    balance: status.balance,
    alertState: status.alertState,
    openAlerts: status.openAlerts.map((alert) => ({
      id: alert.id,
      ruleId: alert.ruleId,
      ruleName: alert.ruleName,
      metric: alert.metric,
      state: alert.state,
      severity: alert.severity,
      value: alert.value,
      pendingSince: alert.pendingSince,
      firedAt: alert.firedAt,
      acknowledgedAt: alert.acknowledgedAt,
      silencedUntil: alert.silencedUntil,
    })),
  };
}
