import { z } from "zod";
import { alertSummary } from "../../alerts/contract.ts";
import {
  cityCodeSchema,
  cityStatus,
  ingestRequestSchema,
  ingestResult,
  metricSeries,
} from "../../cities/contract.ts";
import { ingestIndicators } from "../../cities/ingest.ts";
import { listCityStatuses, metricSeries as readMetricSeries } from "../../cities/queries.ts";
import type { CityStatus } from "../../cities/status.ts";
import type { Db } from "../../db/client.ts";
import { BUCKET_MS, metricSchema } from "../../indicators/metrics.ts";
import type { ServiceContext } from "../../lib/service-context.ts";
import { readJson, readQuery } from "./read.ts";

// The city board as integrations see it: a city is its three-letter code (no internal ids beyond alert and rule
// ids), query strings are flat text, and dates travel as ISO 8601 strings (Response.json writes a Date that way).
// The schemas are exported for the OpenAPI document.

const isoDate = z.iso.datetime();

const queryInstant = (field: string) =>
  z.iso
    .datetime({
      offset: true,
      error: `${field} must be an ISO 8601 date-time with a time zone, e.g. 2026-01-05T12:00:00Z`,
    })
    .transform((value) => new Date(value));

/** `?metric=orders&from=…&to=…&step=300`; without from / to, the last 24 hours up to the bucket under way. */
export const restSeriesQuery = z.object({
  metric: metricSchema,
  from: queryInstant("from").optional(),
  to: queryInstant("to").optional(),
  step: z.coerce
    .number({ error: "step must be a number of seconds" })
    .int("step must be a whole number of seconds")
    .positive("step must be positive")
    .default(BUCKET_MS / 1000),
});

/** The `{code}` path segment; any case. */
export const restCityPath = z.object({ code: cityCodeSchema });

const restAlert = alertSummary(isoDate).pick({
  id: true,
  ruleId: true,
  ruleName: true,
  metric: true,
  severity: true,
  value: true,
  pendingSince: true,
  firedAt: true,
  acknowledgedAt: true,
  silencedUntil: true,
});

const restCity = cityStatus(isoDate)
  .omit({ id: true, worstSeverity: true })
  .extend({ openAlerts: z.array(restAlert.extend({ state: z.enum(["pending", "firing"]) })) });
export const restCityList = z.object({ cities: z.array(restCity) });
export const restSeries = metricSeries(isoDate);
export const restIngestResult = ingestResult(isoDate);

function toRestCity(status: CityStatus) {
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

export async function listCitiesOverRest(db: Db, context: ServiceContext) {
  return { cities: (await listCityStatuses(db, context)).map(toRestCity) };
}

/** A malformed code or query is a 400 naming the field; an unknown code a 404. */
export function citySeriesOverRest(db: Db, context: ServiceContext, req: Request, path: { code: string }) {
  const { code } = restCityPath.parse(path);
  return readMetricSeries(db, context, { code, ...readQuery(req, restSeriesQuery) });
}

export async function ingestOverRest(db: Db, context: ServiceContext, req: Request) {
  return ingestIndicators(db, context, await readJson(req, ingestRequestSchema));
}
