import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { EMPTY_SUMMARY } from "../alerts/evaluation.ts";
import { affectsEvaluation } from "../alerts/series-windows.ts";
import { evaluateAlertsForCities } from "../alerts/service.ts";
import { findCitiesByCodes, lockCities, type CityRecord } from "../indicators/cities.ts";
import type { Metric } from "../indicators/metrics.ts";
import { storeIndicators, type IndicatorRow } from "../indicators/store.ts";
import { AppError } from "../lib/errors.ts";
import { fixedClock, systemContext, type ServiceContext } from "../lib/service-context.ts";
import type { IngestPoint, IngestRequest, IngestResult } from "./contract.ts";
import { recordIndicatorUpdates } from "./indicator-events.ts";

// Indicator ingest: one all-or-nothing transaction per batch that stores the points (and their rollups), records
// one IndicatorUpdated per city and evaluates the alert rules of the cities whose recent data changed (history
// outside every rule's window is left to the scheduled pass).

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
  context: ServiceContext,
  { points }: IngestRequest,
): Promise<IngestResult> {
  // One instant for the whole batch: the rows' write time and the evaluation's clock agree.
  const now = context.clock.now();
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

  const alerts = await withTransaction(
    db,
    async (tx) => {
      await lockCities(
        tx,
        found.map((city) => city.id),
      );
      await storeIndicators(tx, rows, now);
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
      const evaluator = systemContext("alerts.evaluate", {
        correlationId: context.correlationId,
        causationId,
        clock: fixedClock(now),
      });
      const current = batches.filter((batch) => batch.current).map((batch) => batch.city);
      return current.length > 0 ? evaluateAlertsForCities(tx, evaluator, current) : EMPTY_SUMMARY;
    },
    { preset: "batch" },
  );

  return {
    accepted: rows.length,
    cities: batches.map((batch) => ({
      code: batch.city.code,
      points: batch.points,
      from: batch.from,
      to: batch.to,
    })),
    alerts: { triggered: alerts.triggered, resolved: alerts.resolved },
  };
}
