import pg from "pg";
import { requireDatabaseUrl } from "../lib/env.ts";

// Rate-limit counters live in PostgreSQL, so every app instance sees the same counts. They sit in their own
// schema, created here at first use as pg-boss creates its own: they are not part of the Prisma model, so the
// migrations (and the drift test comparing them with schema.prisma) never see them.

export const RATE_LIMIT_SCHEMA = "rate_limit";
export const RATE_LIMIT_TABLE = "buckets";

/** The table rate-limiter-flexible's RateLimiterPostgres reads and writes (its own layout, created by us). */
async function ensureTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Two instances starting at once would race on CREATE SCHEMA's catalogue row; the lock makes them take turns.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('rate_limit.ensure_table'))");
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${RATE_LIMIT_SCHEMA}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${RATE_LIMIT_SCHEMA}.${RATE_LIMIT_TABLE} (
         key varchar(255) PRIMARY KEY,
         points integer NOT NULL DEFAULT 0,
         expire bigint
       )`,
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface RateLimitStore {
  pool: pg.Pool;
  /** Resolves once the table exists; a failure is retried by the next caller. */
  ready(): Promise<void>;
}

/** A small pool of its own: a burst of refused requests must not starve the domain's connections. */
export function createRateLimitStore(connectionString: string): RateLimitStore {
  const pool = new pg.Pool({ connectionString, max: 4 });
  let table: Promise<void> | null = null;
  return {
    pool,
    ready() {
      table ??= ensureTable(pool).catch((error: unknown) => {
        table = null;
        throw error;
      });
      return table;
    },
  };
}

const globalForStore = globalThis as unknown as { opsRateLimitStore?: RateLimitStore };

export function rateLimitStore(): RateLimitStore {
  globalForStore.opsRateLimitStore ??= createRateLimitStore(requireDatabaseUrl());
  return globalForStore.opsRateLimitStore;
}
