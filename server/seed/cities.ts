import type { ClientBase } from "pg";
import { DAY_MS, MINUTE_MS, type Rng } from "./random.ts";
import type { Incidents } from "./incidents.ts";
import { CITIES } from "./reference.ts";
import { insertRows } from "./sql.ts";

// Cities and 30 days of 5-minute indicators, generated in SQL, then the hourly and daily rollups.

const INDICATOR_DAYS = 30;

// Per city and bucket: a JST daily rhythm (lunch and dinner peaks, quiet nights, busier weekends), a
// deterministic noise r1…r6 from hashtextextended, city size, and the incident multipliers. The demo feed
// (server/seed/demo-model.ts) continues the same shapes live; keep the two in step.
const INDICATOR_SQL = `
WITH city AS (
  SELECT * FROM json_to_recordset($1::json) AS c(id uuid, code text, size float8)
), slot AS (
  SELECT ts, extract(epoch FROM ts)::bigint AS ep,
         (extract(hour FROM ts + interval '9 hours') * 60 + extract(minute FROM ts + interval '9 hours'))::float8 / 60 AS h,
         extract(isodow FROM ts + interval '9 hours') AS dow
    FROM generate_series($2::timestamp, $3::timestamp, interval '5 minutes') AS ts
), shaped AS (
  SELECT city.id, city.size, slot.ts,
         (hashtextextended(city.code || ':1:' || slot.ep, $4::bigint) & 65535)::float8 / 65535 AS r1,
         (hashtextextended(city.code || ':2:' || slot.ep, $4::bigint) & 65535)::float8 / 65535 AS r2,
         (hashtextextended(city.code || ':3:' || slot.ep, $4::bigint) & 65535)::float8 / 65535 AS r3,
         (hashtextextended(city.code || ':4:' || slot.ep, $4::bigint) & 65535)::float8 / 65535 AS r4,
         (hashtextextended(city.code || ':5:' || slot.ep, $4::bigint) & 65535)::float8 / 65535 AS r5,
         (hashtextextended(city.code || ':6:' || slot.ep, $4::bigint) & 65535)::float8 / 65535 AS r6,
         (0.06 + 0.9 * exp(-power(slot.h - 12.3, 2) / 1.6) + 1.15 * exp(-power(slot.h - 19.2, 2) / 3.9)
               + 0.25 * exp(-power(slot.h - 15.5, 2) / 8))
           * CASE WHEN slot.dow >= 6 THEN 1.15 ELSE 1 END AS rhythm,
         city.code = 'OSA' AND slot.ts >= $5::timestamp AS shortage,
         city.code = 'FUK' AND slot.ts >= $6::timestamp AND slot.ts < $7::timestamp AS storm,
         city.code = 'TYO' AND slot.ts >= $8::timestamp AND slot.ts < $9::timestamp AS overload,
         city.code = 'NGO' AND slot.ts >= $10::timestamp AND slot.ts < $11::timestamp AS spike
    FROM city CROSS JOIN slot
   WHERE NOT (city.code = 'SPK' AND slot.ts >= $12::timestamp AND slot.ts < $13::timestamp)
), valued AS MATERIALIZED (
  SELECT id, ts,
         size * 170 * rhythm * (0.9 + 0.2 * r1) * CASE WHEN storm THEN 1.35 WHEN spike THEN 1.7 ELSE 1 END AS demand,
         size * 240 * (0.12 + 0.8 * rhythm) * (0.94 + 0.12 * r2)
           * CASE WHEN shortage THEN 0.45 WHEN storm THEN 0.65 ELSE 1 END AS supply,
         24 + 9 * rhythm + 4 * r3 + CASE WHEN shortage THEN 22 WHEN storm THEN 15 WHEN overload THEN 18 ELSE 0 END
           AS minutes,
         0.018 + 0.012 * rhythm + 0.01 * r4 + CASE WHEN shortage THEN 0.07 WHEN storm THEN 0.06 ELSE 0 END AS cancel,
         size * 20 * greatest(0, rhythm - 0.6) * (0.7 + 0.6 * r5) * CASE WHEN overload THEN 3 ELSE 1 END AS kitchens,
         size * 5 * rhythm * r6 * CASE WHEN storm THEN 6 WHEN shortage THEN 2 ELSE 1 END AS failures
    FROM shaped
)
INSERT INTO "CityIndicator" ("cityId", metric, "bucketStart", value, "updatedAt")
SELECT v.id, m.metric::"Metric", v.ts, m.value, v.ts + interval '5 minutes'
  FROM valued v CROSS JOIN LATERAL (VALUES
    ('orders', round(v.demand * (1 - v.cancel))::float8),
    ('demand', round(v.demand)::float8),
    ('supply', round(v.supply)::float8),
    ('avg_delivery_minutes', round(v.minutes::numeric, 1)::float8),
    ('cancellation_rate', round(v.cancel::numeric, 4)::float8),
    ('kitchen_overloads', round(v.kitchens)::float8),
    ('delivery_failures', round(v.failures)::float8)
  ) AS m(metric, value)
 ORDER BY v.id, m.metric::"Metric", v.ts`;

const HOURLY_SQL = `
INSERT INTO "CityIndicatorHourly" ("cityId", metric, "bucketStart", sum, count, min, max)
SELECT "cityId", metric, date_trunc('hour', "bucketStart"), sum(value), count(*), min(value), max(value)
  FROM "CityIndicator" WHERE "cityId" = ANY($1::uuid[]) GROUP BY 1, 2, 3`;

// Daily buckets are the city's local calendar day: they start at midnight in City.timezone.
const DAILY_SQL = `
INSERT INTO "CityIndicatorDaily" ("cityId", metric, "bucketStart", sum, count, min, max)
SELECT i."cityId", i.metric,
       date_trunc('day', i."bucketStart" AT TIME ZONE 'UTC' AT TIME ZONE c.timezone) AT TIME ZONE c.timezone AT TIME ZONE 'UTC',
       sum(i.value), count(*), min(i.value), max(i.value)
  FROM "CityIndicator" i JOIN "City" c ON c.id = i."cityId"
 WHERE i."cityId" = ANY($1::uuid[]) GROUP BY 1, 2, 3`;

export async function seedCities(db: ClientBase, rng: Rng, now: Date): Promise<Record<string, string>> {
  const since = new Date(now.getTime() - 365 * DAY_MS);
  const cityIds: Record<string, string> = {};
  const rows = CITIES.map((c) => {
    cityIds[c.code] = rng.uuid7(since);
    const { code, name, nameJa, latitude, longitude } = c;
    return { id: cityIds[c.code], code, name, nameJa, timezone: "Asia/Tokyo", latitude, longitude };
  });
  await insertRows(db, "City", rows);
  return cityIds;
}

export async function seedIndicators(
  db: ClientBase,
  rng: Rng,
  now: Date,
  cityIds: Record<string, string>,
  incidents: Incidents,
): Promise<void> {
  const cities = CITIES.map((c) => ({ id: cityIds[c.code], code: c.code, size: c.size }));
  const first = new Date(now.getTime() - INDICATOR_DAYS * DAY_MS);
  const last = new Date(now.getTime() - 5 * MINUTE_MS);
  const { osakaCourierShortage, fukuokaRainstorm, tokyoKitchenOverload, nagoyaOrderSpike, sapporoFeedGap } =
    incidents;
  const iso = (d: Date) => d.toISOString().replace("Z", "");
  await db.query(INDICATOR_SQL, [
    JSON.stringify(cities),
    iso(first),
    iso(last),
    rng.int(1, 2 ** 31 - 1),
    iso(osakaCourierShortage.from),
    iso(fukuokaRainstorm.from),
    iso(fukuokaRainstorm.to),
    iso(tokyoKitchenOverload.from),
    iso(tokyoKitchenOverload.to),
    iso(nagoyaOrderSpike.from),
    iso(nagoyaOrderSpike.to),
    iso(sapporoFeedGap.from),
    iso(sapporoFeedGap.to),
  ]);
  await db.query(HOURLY_SQL, [Object.values(cityIds)]);
  await db.query(DAILY_SQL, [Object.values(cityIds)]);
}
