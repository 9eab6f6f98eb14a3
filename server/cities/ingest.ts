import { z } from "zod";
import type { Db } from "../db/client.ts";
import { reconcileFollowUps } from "../alerts/follow-ups.ts";
import { EMPTY_SUMMARY } from "../alerts/evaluation.ts";
import { affectsEvaluation } from "../alerts/series-windows.ts";
import { evaluateAlertsForCities } from "../alerts/service.ts";
import { SYSTEM_ACTOR, type EventContext } from "../events/types.ts";
import { AppError } from "../lib/errors.ts";
import { recordIndicatorUpdates } from "./indicator-events.ts";
import { ingestBatchSchema, type IngestPoint, type Metric } from "./metrics.ts";
import {
  findCitiesByCodes,
  lockCities,
  refreshRollups,
  upsertIndicators,
  type CityRecord,
  type IndicatorRow,
  type TouchedHour,
} from "./repository.ts";

// Indicator ingest: one all-or-nothing transaction per batch that upserts the points, refreshes the rollups of
// the touched hours and days, records one IndicatorUpdated per city and evaluates the alert rules of the cities
// whose recent data changed (history outside every rule's window is left to the scheduled pass).

export const ingestRequestSchema = z.object({ points: ingestBatchSchema });
export type IngestRequest = z.output<typeof ingestRequestSchema>;

export interface IngestResult {
  accepted: number;
  cities: { code: string; points: number; from: string; to: string }[];
  alerts: { triggered: number; resolved: number };
}

const HOUR_MS = 3_600_000;

function unknownCities(points: readonly IngestPoint[], known: ReadonlySet<string>): AppError | null {
  const issues = points.flatMap((point, index) =>
    known.has(point.city)
      ? []
      : [{ path: ["points", index, "city"], message: `unknown city "${point.city}"` }],
  );
  const first = issues[0];
  if (!first) return null;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new AppError("BAD_REQUEST", `${first.path.join(".")}: ${first.message}${more}`, {
    details: { issues },
  });
}

export function touchedHours(rows: readonly IndicatorRow[]): TouchedHour[] {
  const seen = new Map<string, TouchedHour>();
  for (const row of rows) {
    const hour = new Date(Math.floor(row.bucketStart.getTime() / HOUR_MS) * HOUR_MS);
    seen.set(`${row.cityId}|${row.metric}|${hour.getTime()}`, {
      cityId: row.cityId,
      metric: row.metric,
      hour,
    });
  }
  return [...seen.values()];
}

interface CityBatch {
  city: CityRecord;
  metrics: Set<Metric>;
  points: number;
  from: Date;
  to: Date;
  /** Some point lies where a rule's condition reads: this city's rules need evaluating now. */
  current: boolean;
}

function byCity(
  points: readonly IngestPoint[],
  cities: ReadonlyMap<string, CityRecord>,
  now: Date,
): CityBatch[] {
  const batches = new Map<string, CityBatch>();
  for (const point of points) {
    const city = cities.get(point.city);
    if (!city) continue;
    const current = affectsEvaluation(point.bucketStart, now);
    const batch = batches.get(city.id);
    if (!batch) {
      batches.set(city.id, {
        city,
        metrics: new Set([point.metric]),
        points: 1,
        from: point.bucketStart,
        to: point.bucketStart,
        current,
      });
      continue;
    }
    batch.current ||= current;
    batch.metrics.add(point.metric);
    batch.points += 1;
    if (point.bucketStart < batch.from) batch.from = point.bucketStart;
    if (point.bucketStart > batch.to) batch.to = point.bucketStart;
  }
  return [...batches.values()].sort((a, b) => a.city.code.localeCompare(b.city.code));
}

/** Validated points in, or a 400 naming the first unknown city; nothing is written unless all of it is. */
export async function ingestIndicators(
  db: Db,
  context: EventContext,
  points: readonly IngestPoint[],
  now: Date = new Date(),
): Promise<IngestResult> {
  const found = await findCitiesByCodes(db, [...new Set(points.map((point) => point.city))]);
  const cities = new Map(found.map((city) => [city.code, city]));
  const unknown = unknownCities(points, new Set(cities.keys()));
  if (unknown) throw unknown;
  const rows: IndicatorRow[] = points.flatMap((point) => {
    const city = cities.get(point.city);
    return city
      ? [{ cityId: city.id, metric: point.metric, bucketStart: point.bucketStart, value: point.value }]
      : [];
  });
  const batches = byCity(points, cities, now);

  const alerts = await db.$transaction(
    async (tx) => {
      await lockCities(
        tx,
        found.map((city) => city.id),
      );
      await upsertIndicators(tx, rows, now);
      await refreshRollups(tx, touchedHours(rows));
      const causationId = await recordIndicatorUpdates(
        tx,
        context,
        batches.map((batch) => ({
          cityId: batch.city.id,
          payload: {
            city: batch.city.code,
            metrics: [...batch.metrics].sort(),
            points: batch.points,
            from: batch.from.toISOString(),
            to: batch.to.toISOString(),
          },
        })),
      );
      // The evaluator, not the sender, raises alerts; the correlation id still ties them to this request.
      const evaluator: EventContext = {
        actor: SYSTEM_ACTOR,
        correlationId: context.correlationId,
        causationId,
      };
      const current = batches.filter((batch) => batch.current).map((batch) => batch.city);
      return current.length > 0 ? evaluateAlertsForCities(tx, evaluator, current, now) : EMPTY_SUMMARY;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  if (alerts.triggered > 0) {
    await reconcileFollowUps(
      db,
      batches.map((batch) => batch.city.id),
      context.correlationId,
      now,
    );
  }

  return {
    accepted: rows.length,
    cities: batches.map((batch) => ({
      code: batch.city.code,
      points: batch.points,
      from: batch.from.toISOString(),
      to: batch.to.toISOString(),
    })),
    alerts: { triggered: alerts.triggered, resolved: alerts.resolved },
  };
}
