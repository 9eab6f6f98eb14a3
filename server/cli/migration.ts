import path from "node:path";
import { readMigrations, readSchemaFiles, writeMigration } from "../db/migration-files.ts";
import { diffToSql } from "../db/schema-engine.ts";

// `npm run db:migration -- <name>`: write the SQL taking the existing migrations to prisma/schema.prisma.

function migrationName(): string {
  const slug = (process.argv[2] ?? "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!slug) throw new Error("Usage: npm run db:migration -- <name>   (e.g. add_ticket_tags)");
  // UTC YYYYMMDDHHMMSS, as `prisma migrate dev` names directories.
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  return `${stamp}_${slug}`;
}

async function main(): Promise<void> {
  const name = migrationName();
  const migrations = await readMigrations();
  const latest = migrations.at(-1)?.name;
  if (latest !== undefined && latest >= name) {
    throw new Error(
      `${name} would not sort after the latest migration ${latest}; wait a second or fix the clock.`,
    );
  }
  const sql = await diffToSql({
    from: { kind: "migrations", migrations },
    to: { kind: "schema", files: await readSchemaFiles() },
  });
  if (!sql) {
    process.stdout.write("No schema changes: prisma/schema.prisma matches the migrations.\n");
    return;
  }
  const file = await writeMigration(name, sql);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), file)}\n`);
  process.stdout.write("Review it, then apply it with npm run db:migrate.\n");
}

// The schema engine leaves a timer running: exit explicitly.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
