import type pg from "pg";
import type { RefusalCount } from "./refusal-tally.ts";

// What the edge needs to know about event sources: which exist, whether paused, and their signing secrets.
// Plain SQL on the edge's pg pool (see ../inbox-repository.ts for why the edge skips Prisma).

export interface EdgeSourceRow {
  key: string;
  status: string;
  secrets: { id: string; secret: string; expiresAtMs: number | null }[];
}

// Timestamps are UTC in `timestamp(3)` columns, so their epoch is read without a time zone.
const SOURCES_SQL = `
  SELECT s.key, s.status,
         coalesce(json_agg(json_build_object(
                    'id', k.id, 'secret', k.secret,
                    'expiresAtMs', (extract(epoch FROM k."expiresAt") * 1000)::float8)
                  ORDER BY k."createdAt" DESC) FILTER (WHERE k.id IS NOT NULL), '[]') AS secrets
    FROM "EventSource" s
    LEFT JOIN "EventSourceSecret" k
      ON k."sourceKey" = s.key AND (k."expiresAt" IS NULL OR k."expiresAt" > now() AT TIME ZONE 'UTC')
   GROUP BY s.key`;

/** Every source with its secrets that have not expired yet. */
export async function readEdgeSources(pool: pg.Pool): Promise<EdgeSourceRow[]> {
  return (await pool.query<EdgeSourceRow>(SOURCES_SQL)).rows;
}

/** Marks that events arrived from these sources (the edge throttles the calls). */
export async function touchSourcesLastEventAt(pool: pg.Pool, keys: readonly string[]): Promise<void> {
  await pool.query(
    `UPDATE "EventSource" SET "lastEventAt" = now() AT TIME ZONE 'UTC' WHERE key = ANY($1::text[])`,
    [keys],
  );
}

/**
 * Adds refusals to their sources' counts of the current hour (UTC), and drops the counts older than a week: the
 * table holds a few rows per source and hour, and this runs at most once a second.
 */
export async function addSourceRefusals(pool: pg.Pool, counts: readonly RefusalCount[]): Promise<void> {
  await pool.query(
    `WITH added AS (
       INSERT INTO "EventSourceRefusal" (source, "failureClass", hour, count)
       SELECT source, failure_class, date_trunc('hour', now() AT TIME ZONE 'UTC'), n
         FROM unnest($1::text[], $2::text[], $3::int[]) AS r(source, failure_class, n)
       ON CONFLICT (source, "failureClass", hour)
       DO UPDATE SET count = "EventSourceRefusal".count + excluded.count
     )
     DELETE FROM "EventSourceRefusal" WHERE hour < now() AT TIME ZONE 'UTC' - interval '7 days'`,
    [counts.map((c) => c.source), counts.map((c) => c.failureClass), counts.map((c) => c.count)],
  );
}
