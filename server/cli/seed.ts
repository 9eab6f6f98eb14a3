import { seedDatabase } from "../seed/index.ts";
import { requireDatabaseUrl } from "../lib/env.ts";

// `npm run db:seed`: load the demo data into DATABASE_URL unless it is already there.
try {
  const started = performance.now();
  const { seeded, counts } = await seedDatabase(requireDatabaseUrl());
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!seeded) process.stdout.write("Demo data already present (demo admin exists): nothing written.\n");
  for (const [table, count] of Object.entries(counts)) process.stdout.write(`${table.padEnd(22)} ${count}\n`);
  if (seeded) process.stdout.write(`Seeded in ${seconds} s.\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(
    `Seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}
