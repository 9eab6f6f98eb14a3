import type { Db } from "../db/client.ts";

/** The database answers with the session's time zone, which the app sets to UTC (server/db/session.ts). */
export async function sessionTimeZone(db: Db): Promise<string> {
  const [row] = await db.$queryRaw<{ timeZone: string }[]>`SELECT current_setting('TimeZone') AS "timeZone"`;
  return row!.timeZone;
}

/** Migrations recorded as finished and not rolled back, as Prisma counts them. */
export async function finishedMigrationNames(db: Db): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return new Set(rows.map((row) => row.migration_name));
}
