import { randomUUID } from "node:crypto";
import pg from "pg";
import { readMigrations, type MigrationScript } from "./migration-files.ts";
import {
  assertHistoryIntact,
  ensureMigrationsTable,
  finishedNames,
  readMigrationRows,
} from "./migrations-table.ts";

// Prisma's own advisory lock key, so this runner and `prisma migrate deploy` also wait for each other.
const MIGRATE_LOCK_KEY = 72707369;

export interface ApplyResult {
  applied: string[];
  total: number;
}

export interface MigrationStatus {
  applied: number;
  pending: string[];
  latest: string | null;
}

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Applies pending `prisma/migrations/<name>/migration.sql` files in name order, each in its own transaction,
 * recording them in `_prisma_migrations` as Prisma does. Concurrent callers wait on an advisory lock.
 * Transactions rule out `CREATE INDEX CONCURRENTLY` in a migration.
 */
export async function applyMigrations(
  databaseUrl: string,
  options: { migrationsDir?: string } = {},
): Promise<ApplyResult> {
  const migrations = await readMigrations(options.migrationsDir);
  return withClient(databaseUrl, async (client) => {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
    try {
      await ensureMigrationsTable(client);
      const rows = await readMigrationRows(client);
      assertHistoryIntact(migrations, rows);
      const done = finishedNames(rows);
      const applied: string[] = [];
      for (const migration of migrations.filter((m) => !done.has(m.name))) {
        await applyOne(client, migration);
        applied.push(migration.name);
      }
      return { applied, total: migrations.length };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATE_LOCK_KEY]);
    }
  });
}

async function applyOne(client: pg.Client, migration: MigrationScript): Promise<void> {
  const id = randomUUID();
  let startedAt: Date | undefined;
  await client.query("BEGIN");
  try {
    const started = await client.query<{ started_at: Date }>(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, clock_timestamp(), 0) RETURNING started_at`,
      [id, migration.checksum, migration.name],
    );
    startedAt = started.rows[0]?.started_at;
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    // The rollback took the row with it; record the failure as Prisma does so the next run stops (P3009).
    const logs = failureLogs(migration.name, error);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, logs, applied_steps_count)
       VALUES ($1, $2, $3, COALESCE($4, now()), $5, 0)`,
      [id, migration.checksum, migration.name, startedAt ?? null, logs],
    );
    throw new Error(`P3018: ${logs}`, { cause: error });
  }
}

function failureLogs(name: string, error: unknown): string {
  const database =
    error instanceof pg.DatabaseError
      ? `Database error code: ${error.code}\n\nDatabase error:\nERROR: ${error.message}` +
        (error.position ? `\n\nPosition: ${error.position}` : "")
      : `Error:\n${error instanceof Error ? error.message : String(error)}`;
  return (
    "A migration failed to apply. New migrations cannot be applied before the error is recovered from. " +
    "Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve" +
    `\n\nMigration name: ${name}\n\n${database}`
  );
}

/** For health checks: no lock, no writes; a database never migrated reports everything pending. */
export async function migrationStatus(databaseUrl: string): Promise<MigrationStatus> {
  const migrations = await readMigrations();
  const done = await withClient(databaseUrl, async (client) =>
    finishedNames(await readMigrationRows(client)),
  );
  return {
    applied: done.size,
    pending: migrations.filter((m) => !done.has(m.name)).map((m) => m.name),
    latest: [...done].sort().at(-1) ?? null,
  };
}
