import { parseArgs } from "node:util";
import { createPrismaClient } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import { requireDatabaseUrl } from "../lib/env.ts";
import { restoreArchive } from "../retention/restore.ts";

// `npm run archive:restore -- <dir> [--database-url URL]`: restores a retention archive (one day folder, or the
// archive root for every day in it) into a database — a scratch one as a rule; DATABASE_URL when no URL is
// given. The database is migrated first (a no-op when it is current); checksums are verified before any insert.

const USAGE = "usage: npm run archive:restore -- <dir> [--database-url URL]";

try {
  // Strict: an unknown option, `--database-url` without its URL or a second folder stops here, rather than
  // restoring into DATABASE_URL (the live database, as a rule) by mistake.
  const { values, positionals } = parseArgs({
    options: { "database-url": { type: "string" } },
    allowPositionals: true,
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new Error(USAGE);
  const databaseUrl = values["database-url"] ?? requireDatabaseUrl();
  await applyMigrations(databaseUrl);
  const db = createPrismaClient(databaseUrl);
  const summary = await restoreArchive(db, dir);
  await db.$disconnect();
  for (const [table, read] of Object.entries(summary.read))
    process.stdout.write(
      `${table}: ${read} archived, ${summary.inserted[table as keyof typeof summary.read] ?? 0} inserted\n`,
    );
  process.stdout.write(`Restored ${summary.days.length} day(s): ${summary.days.join(", ")}.\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`archive:restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
