import type { Db } from "../db/client.ts";
import { readMigrations } from "../db/migration-files.ts";
import type { CheckOutcome } from "./readiness-checks.ts";
import { finishedMigrationNames } from "./health-repository.ts";

// The migration files cannot change under a running process, and an applied migration stays applied: the files
// are read once, and once none is pending that answer is kept. While some are pending (the database is being
// migrated after this process started), each call asks the database again so the process becomes ready unaided.
let migrationNames: Promise<string[]> | null = null;
let allApplied = false;

export async function checkMigrations(db: Db): Promise<CheckOutcome> {
  if (allApplied) return { ok: true, detail: { pending: 0 } };
  migrationNames ??= readMigrations().then((migrations) => migrations.map((m) => m.name));
  const [names, finished] = await Promise.all([
    migrationNames.catch((error: unknown) => {
      migrationNames = null; // A read that failed is not an answer to keep.
      throw error;
    }),
    finishedMigrationNames(db),
  ]);
  const pending = names.filter((name) => !finished.has(name)).length;
  allApplied = pending === 0;
  return { ok: allApplied, detail: { pending } };
}
