import pg from "pg";
import { checksumMatches, type MigrationScript } from "./migration-files.ts";

// `_prisma_migrations` exactly as Prisma creates and reads it, so `prisma migrate` accepts our rows and we accept its.

export interface MigrationRow {
  migration_name: string;
  checksum: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

async function tableExists(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`,
  );
  return rows[0]?.exists === true;
}

/** Creates the table on an empty database; refuses a non-empty one that Prisma never migrated (P3005). */
export async function ensureMigrationsTable(client: pg.ClientBase): Promise<void> {
  if (await tableExists(client)) return;
  const { rows } = await client.query<{ count: string }>(
    "SELECT count(*) AS count FROM pg_tables WHERE schemaname = current_schema()",
  );
  if (Number(rows[0]?.count) > 0) {
    throw new Error(
      "P3005: The database schema is not empty, yet it has no _prisma_migrations table, so its state is unknown " +
        "and no migration was applied. Baseline it first (record the migrations it already has as applied): " +
        "https://pris.ly/d/migrate-baseline",
    );
  }
  await client.query(CREATE_TABLE);
}

/** Rows still in force: Prisma ignores rows marked rolled back. */
export async function readMigrationRows(client: pg.ClientBase): Promise<MigrationRow[]> {
  if (!(await tableExists(client))) return [];
  const { rows } = await client.query<MigrationRow>(
    `SELECT migration_name, checksum, started_at, finished_at, rolled_back_at
       FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`,
  );
  return rows;
}

export function finishedNames(rows: MigrationRow[]): Set<string> {
  return new Set(rows.filter((r) => r.finished_at !== null).map((r) => r.migration_name));
}

/** Refuses to go on after a failed migration (P3009) or when an applied migration's file changed since. */
export function assertHistoryIntact(migrations: MigrationScript[], rows: MigrationRow[]): void {
  const failed = rows.find((r) => r.finished_at === null);
  if (failed) {
    throw new Error(
      `P3009: migrate found failed migrations in the target database, new migrations will not be applied. ` +
        `The \`${failed.migration_name}\` migration started at ${failed.started_at.toISOString()} failed. ` +
        `Its error is in _prisma_migrations.logs. Repair the database by hand, then mark the row rolled back ` +
        `(UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}' ` +
        `AND finished_at IS NULL) to retry it, or finished (SET finished_at = now()) if you completed it yourself. ` +
        `See https://pris.ly/d/migrate-resolve`,
    );
  }
  const files = new Map(migrations.map((m) => [m.name, m]));
  const edited = rows.filter((r) => {
    const file = files.get(r.migration_name);
    return file !== undefined && !checksumMatches(file.sql, r.checksum);
  });
  if (edited.length > 0) {
    const names = edited.map((r) => r.migration_name).join(", ");
    throw new Error(
      `The migration(s) ${names} were modified after they were applied to this database (checksum mismatch), ` +
        `so the database no longer matches the migration history. Restore the original migration.sql and put ` +
        `the change in a new migration (npm run db:migration -- <name>).`,
    );
  }
}
