import type pg from "pg";

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
