import { Prisma } from "../db/generated/client.ts";
import type { Queryable, Tx } from "../db/transaction.ts";
import type { Metric } from "./metrics.ts";

// The only Prisma user for cities and their indicators (raw points and rollups). Timestamps are UTC `timestamp`
// columns; Prisma's adapter sends a Date as a UTC wall-clock string, so `${date}::timestamp` needs no time-zone
// conversion.
// Large arrays of instants travel as epoch milliseconds instead: several times cheaper to send than Date[].

export interface CityRecord {
  id: string;
  code: string;
  name: string;
  nameJa: string;
  timezone: string;
}

export interface IndicatorRow {
  cityId: string;
  metric: Metric;
  bucketStart: Date;
  value: number;
}

export interface RollupRow {
  metric: Metric;
  bucketStart: Date;
  sum: number;
  count: number;
  min: number;
  max: number;
}

const CITY_FIELDS = { id: true, code: true, name: true, nameJa: true, timezone: true } as const;

// First key of the two-key advisory lock: one namespace for "writes that touch a city's indicators or alerts".
const CITY_LOCK_NAMESPACE = 0x0c17;

export function listCities(db: Queryable): Promise<CityRecord[]> {
  return db.city.findMany({ select: CITY_FIELDS, orderBy: { code: "asc" } });
}

export function findCityByCode(db: Queryable, code: string): Promise<CityRecord | null> {
  return db.city.findUnique({ where: { code }, select: CITY_FIELDS });
}

export function findCitiesByCodes(db: Queryable, codes: readonly string[]): Promise<CityRecord[]> {
  return db.city.findMany({ where: { code: { in: [...codes] } }, select: CITY_FIELDS });
}

/**
 * Serialises every write to these cities' indicators, rollups and alerts until the transaction ends. Taken in
 * id order so two transactions locking overlapping sets cannot deadlock. It also makes the rollup refresh
 * exact: a batch recomputes an hour from raw rows only after any concurrent batch of that city committed.
 */
export async function lockCities(tx: Tx, cityIds: readonly string[]): Promise<void> {
  const ids = [...new Set(cityIds)].sort();
  if (ids.length === 0) return;
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(${CITY_LOCK_NAMESPACE}::int, hashtext(id))
      FROM (SELECT id FROM unnest(${ids}::text[]) AS id ORDER BY id) AS ordered`;
}

/** Set-based upsert of a validated batch (no duplicate keys); rows are written in key order to avoid deadlocks. */
export async function upsertIndicators(tx: Tx, rows: readonly IndicatorRow[], receivedAt: Date) {
  return tx.$executeRaw`
    INSERT INTO "CityIndicator" ("cityId", metric, "bucketStart", value, "updatedAt")
    SELECT c, m::"Metric", to_timestamp(b / 1000) AT TIME ZONE 'UTC', v, ${receivedAt}::timestamp
      FROM unnest(${rows.map((r) => r.cityId)}::uuid[], ${rows.map((r) => r.metric)}::text[],
                  ${rows.map((r) => r.bucketStart.getTime())}::float8[], ${rows.map((r) => r.value)}::float8[])
           AS t(c, m, b, v)
     ORDER BY c, m, b
    ON CONFLICT ("cityId", metric, "bucketStart")
    DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"`;
}

export interface TouchedHour {
  cityId: string;
  metric: Metric;
  hour: Date;
}

/**
 * Recomputes the hourly rollups of the touched hours from raw rows, then the touched local days from the hourly
 * rollups (exact for sum, count, min and max, and 12× fewer rows than raw). Idempotent: a rollup is always
 * the aggregate of what is stored, never an increment. Daily buckets follow the city's time zone, which must
 * have a whole-hour offset (every Japanese city does) for its days to be made of whole UTC hours.
 */
export async function refreshRollups(tx: Tx, touched: readonly TouchedHour[]): Promise<void> {
  if (touched.length === 0) return;
  const cities = touched.map((t) => t.cityId);
  const metrics = touched.map((t) => t.metric);
  const hours = touched.map((t) => t.hour.getTime());
  await tx.$executeRaw`
    INSERT INTO "CityIndicatorHourly" ("cityId", metric, "bucketStart", sum, count, min, max)
    SELECT i."cityId", i.metric, t.h, sum(i.value), count(*), min(i.value), max(i.value)
      FROM (SELECT c, m, to_timestamp(ms / 1000) AT TIME ZONE 'UTC' AS h
              FROM unnest(${cities}::uuid[], ${metrics}::text[], ${hours}::float8[]) AS u(c, m, ms)) AS t
      JOIN "CityIndicator" i
        ON i."cityId" = t.c AND i.metric = t.m::"Metric"
       AND i."bucketStart" >= t.h AND i."bucketStart" < t.h + interval '1 hour'
     GROUP BY i."cityId", i.metric, t.h
     ORDER BY 1, 2, 3
    ON CONFLICT ("cityId", metric, "bucketStart")
    DO UPDATE SET sum = EXCLUDED.sum, count = EXCLUDED.count, min = EXCLUDED.min, max = EXCLUDED.max`;
  await tx.$executeRaw`
    WITH day AS (
      SELECT DISTINCT t.c, t.m::"Metric" AS m,
             date_trunc('day', to_timestamp(t.ms / 1000) AT TIME ZONE city.timezone)
               AT TIME ZONE city.timezone AT TIME ZONE 'UTC' AS d
        FROM unnest(${cities}::uuid[], ${metrics}::text[], ${hours}::float8[]) AS t(c, m, ms)
        JOIN "City" city ON city.id = t.c
    )
    INSERT INTO "CityIndicatorDaily" ("cityId", metric, "bucketStart", sum, count, min, max)
    SELECT day.c, day.m, day.d, sum(h.sum), sum(h.count), min(h.min), max(h.max)
      FROM day
      JOIN "CityIndicatorHourly" h
        ON h."cityId" = day.c AND h.metric = day.m
       AND h."bucketStart" >= day.d AND h."bucketStart" < day.d + interval '1 day'
     GROUP BY day.c, day.m, day.d
     ORDER BY 1, 2, 3
    ON CONFLICT ("cityId", metric, "bucketStart")
    DO UPDATE SET sum = EXCLUDED.sum, count = EXCLUDED.count, min = EXCLUDED.min, max = EXCLUDED.max`;
}

export interface LatestIndicator {
  cityId: string;
  metric: Metric;
  bucketStart: Date;
  value: number;
}

/** The newest bucket of every (city, metric): one backward primary-key probe each. */
export function latestIndicators(db: Queryable, cityIds: readonly string[]): Promise<LatestIndicator[]> {
  return db.$queryRaw<LatestIndicator[]>`
    SELECT c.id AS "cityId", m.metric::text AS metric, last."bucketStart", last.value
      FROM unnest(${[...cityIds]}::uuid[]) AS c(id)
     CROSS JOIN unnest(enum_range(NULL::"Metric")) AS m(metric)
     CROSS JOIN LATERAL (
       SELECT i."bucketStart", i.value FROM "CityIndicator" i
        WHERE i."cityId" = c.id AND i.metric = m.metric
        ORDER BY i."bucketStart" DESC LIMIT 1
     ) AS last`;
}

/** Raw 5-minute points of several cities and metrics in [from, to). */
export function rawPoints(
  db: Queryable,
  cityIds: readonly string[],
  metrics: readonly Metric[],
  from: Date,
  to: Date,
): Promise<IndicatorRow[]> {
  return db.$queryRaw<IndicatorRow[]>`
    SELECT "cityId", metric::text AS metric, "bucketStart", value FROM "CityIndicator"
     WHERE "cityId" = ANY(${[...cityIds]}::uuid[]) AND metric = ANY(${[...metrics]}::"Metric"[])
       AND "bucketStart" >= ${from}::timestamp AND "bucketStart" < ${to}::timestamp
     ORDER BY "bucketStart"`;
}

const ROLLUP_TABLES = { hourly: "CityIndicatorHourly", daily: "CityIndicatorDaily" } as const;

export function rollups(
  db: Queryable,
  grain: keyof typeof ROLLUP_TABLES,
  cityId: string,
  metrics: readonly Metric[],
  from: Date,
  to: Date,
): Promise<RollupRow[]> {
  return db.$queryRaw<RollupRow[]>`
    SELECT metric::text AS metric, "bucketStart", sum, count, min, max FROM ${Prisma.raw(`"${ROLLUP_TABLES[grain]}"`)}
     WHERE "cityId" = ${cityId}::uuid AND metric = ANY(${[...metrics]}::"Metric"[])
       AND "bucketStart" >= ${from}::timestamp AND "bucketStart" < ${to}::timestamp
     ORDER BY "bucketStart"`;
}

export interface SeriesKey {
  cityId: string;
  metric: Metric;
}

export interface SeriesWindows {
  /** Points with bucketStart in [recentFrom, now]. */
  recentFrom: Date;
  /** Also the week-ago hour, for metrics with a same_hour_last_week rule. */
  weekly: { metrics: readonly Metric[]; from: Date; to: Date } | null;
  now: Date;
}

export function seriesPoints(
  db: Queryable,
  cityIds: readonly string[],
  metrics: readonly Metric[],
  windows: SeriesWindows,
): Promise<IndicatorRow[]> {
  const weeklyMetrics = windows.weekly?.metrics ?? [];
  const weekFrom = windows.weekly?.from ?? windows.now;
  const weekTo = windows.weekly?.to ?? windows.now;
  return db.$queryRaw<IndicatorRow[]>`
    SELECT "cityId", metric::text AS metric, "bucketStart", value FROM "CityIndicator"
     WHERE "cityId" = ANY(${[...cityIds]}::uuid[]) AND metric = ANY(${[...metrics]}::"Metric"[])
       AND "bucketStart" <= ${windows.now}::timestamp
       AND ("bucketStart" >= ${windows.recentFrom}::timestamp
            OR (metric = ANY(${[...weeklyMetrics]}::"Metric"[])
                AND "bucketStart" >= ${weekFrom}::timestamp AND "bucketStart" < ${weekTo}::timestamp))`;
}

export interface LastUpdate extends SeriesKey {
  lastUpdatedAt: Date | null;
}

/**
 * When each (city, metric) was last written: the latest write among its newest 12 buckets (an hour of data),
 * found through the primary key. A late re-send of a recent bucket counts; a backfill of old history does not
 * keep a silent feed from alerting.
 */
export function lastUpdates(db: Queryable, keys: readonly SeriesKey[]): Promise<LastUpdate[]> {
  return db.$queryRaw<LastUpdate[]>`
    SELECT k.c::text AS "cityId", k.m AS metric,
           (SELECT max(recent."updatedAt") FROM (
              SELECT i."updatedAt" FROM "CityIndicator" i
               WHERE i."cityId" = k.c AND i.metric = k.m::"Metric"
               ORDER BY i."bucketStart" DESC LIMIT 12) AS recent) AS "lastUpdatedAt"
      FROM unnest(${keys.map((k) => k.cityId)}::uuid[], ${keys.map((k) => k.metric)}::text[]) AS k(c, m)`;
}
