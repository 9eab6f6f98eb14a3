import { applyMigrations } from "../db/migrate.ts";
import { requireDatabaseUrl } from "../lib/env.ts";

// `npm run db:migrate`: apply pending migrations to DATABASE_URL.
try {
  const { applied, total } = await applyMigrations(requireDatabaseUrl());
  for (const name of applied) process.stdout.write(`Applied ${name}\n`);
  process.stdout.write(`${applied.length} migration(s) applied now, ${total} in all.\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
