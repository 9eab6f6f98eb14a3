import { sql } from "../db/sql.ts";
import type { Queryable } from "../db/transaction.ts";
import { utc } from "./sql-params.ts";

// The indicators' daily rollups (CityIndicatorDaily: sum and count per city, metric and UTC day) that the city
// performance report reads: one row per city and day with the day's mean of each metric it needs.

export interface CityDayRow {
  cityId: string;
  day: string;
  deliveryMinutes: number | null;
  cancellationRate: number | null;
  demand: number | null;
  supply: number | null;
}

export function cityDays(db: Queryable, query: { from: Date; to: Date }): Promise<CityDayRow[]> {
  const mean = (metric: string) =>
    sql`sum(sum) FILTER (WHERE metric::text = ${metric}) / nullif(sum(count) FILTER (WHERE metric::text = ${metric}), 0)`;
  return db.$queryRaw<CityDayRow[]>`
    SELECT "cityId"::text AS "cityId", to_char("bucketStart", 'YYYY-MM-DD') AS day,
           ${mean("avg_delivery_minutes")} AS "deliveryMinutes",
           ${mean("cancellation_rate")} AS "cancellationRate",
           ${mean("demand")} AS demand,
           ${mean("supply")} AS supply
      FROM "CityIndicatorDaily"
     WHERE "bucketStart" >= ${utc(query.from)} AND "bucketStart" < ${utc(query.to)}
     GROUP BY "cityId", day
     ORDER BY "cityId", day`;
}
