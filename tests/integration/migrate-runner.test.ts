import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, migrationStatus } from "../../server/db/migrate.ts";
import {
  checksumOf,
  migrationsDir,
  readMigrations,
  type MigrationScript,
} from "../../server/db/migration-files.ts";
import { createScratchDatabase } from "../support/databases.ts";

// Scratch databases on DATABASE_URL's server (the suite's own database stays untouched).
const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const drops: (() => Promise<void>)[] = [];

async function scratchDatabase(): Promise<string> {
  const database = await createScratchDatabase(serverUrl, "mig");
  drops.push(database.drop);
  return database.url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

interface Row {
  id: string;
  checksum: string;
  migration_name: string;
  logs: string | null;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

const rowsOf = (url: string) => query<Row>(url, `SELECT * FROM "_prisma_migrations" ORDER BY started_at`);
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let migrations: MigrationScript[];
let names: string[];

beforeAll(async () => {
  migrations = await readMigrations();
  names = migrations.map((m) => m.name);
});

afterAll(async () => {
  await Promise.all(drops.map((drop) => drop()));
});

describe("applyMigrations on a fresh database", () => {
  let url: string;

  beforeAll(async () => {
    url = await scratchDatabase();
  });

  it("reports every migration pending before the first run", async () => {
    await expect(migrationStatus(url)).resolves.toEqual({ applied: 0, pending: names, latest: null });
  });

  it("applies every migration in order and records it as Prisma does", async () => {
    await expect(applyMigrations(url)).resolves.toEqual({ applied: names, total: names.length });
    const rows = await rowsOf(url);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const [i, row] of rows.entries()) {
      expect(row.id).toMatch(UUID_V4);
      expect(row.checksum).toBe(checksumOf(migrations[i]!.sql));
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
  });

  it("applies nothing the second time", async () => {
    await expect(applyMigrations(url)).resolves.toEqual({ applied: [], total: names.length });
    expect(await rowsOf(url)).toHaveLength(names.length);
    await expect(migrationStatus(url)).resolves.toEqual({
      applied: names.length,
      pending: [],
      latest: names.at(-1),
    });
  });

  it("refuses to go on when an applied migration was edited", async () => {
    await query(
      url,
      `UPDATE "_prisma_migrations" SET checksum = repeat('0', 64) WHERE migration_name = '${names[0]}'`,
    );
    await expect(applyMigrations(url)).rejects.toThrow(/modified after they were applied/);
    await query(
      url,
      `UPDATE "_prisma_migrations" SET checksum = '${migrations[0]!.checksum}' WHERE migration_name = '${names[0]}'`,
    );
  });

  it.each([
    ["UPDATE", `UPDATE "AuditLog" SET action = 'changed'`],
    ["DELETE", `DELETE FROM "AuditLog"`],
    ["TRUNCATE", `TRUNCATE "AuditLog"`],
  ])("keeps AuditLog append-only: %s is rejected", async (_op, sql) => {
    await query(
      url,
      `INSERT INTO "AuditLog" ("actorType", action, "entityType", "entityId", "correlationId", details)
       VALUES ('system', 'test.created', 'Test', '1', 'corr-1', '{}')`,
    );
    await expect(query(url, sql)).rejects.toThrow(/audit log is append-only/);
  });
});

describe("applyMigrations run twice at once", () => {
  it("applies each migration exactly once", async () => {
    const url = await scratchDatabase();
    const [first, second] = await Promise.all([applyMigrations(url), applyMigrations(url)]);
    expect([...first.applied, ...second.applied].sort()).toEqual(names);
    expect((await rowsOf(url)).map((r) => r.migration_name)).toEqual(names);
  });
});

describe("applyMigrations with a failing migration", () => {
  const broken = "29990101000000_broken";
  let url: string;
  let dir: string;

  beforeAll(async () => {
    url = await scratchDatabase();
    dir = await mkdtemp(path.join(tmpdir(), "mig-"));
    await cp(migrationsDir(), dir, { recursive: true });
    await mkdir(path.join(dir, broken));
    await writeFile(path.join(dir, broken, "migration.sql"), 'CREATE TABLE "Probe" (id int);\nSELEC 1;\n');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("rolls the migration back and records the failure as Prisma does", async () => {
    await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(/P3018[\s\S]*syntax error/);
    const failed = (await rowsOf(url)).find((r) => r.migration_name === broken);
    expect(failed).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
    expect(failed?.logs).toContain("Database error code: 42601");
    expect(failed?.id).toMatch(UUID_V4);
    await expect(query(url, `SELECT to_regclass('"Probe"') AS t`)).resolves.toEqual([{ t: null }]);
  });

  it("refuses later runs until the failure is resolved (P3009)", async () => {
    await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(
      /P3009[\s\S]*29990101000000_broken/,
    );
  });

  it("retries once the failed row is marked rolled back and the file fixed", async () => {
    await query(
      url,
      `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${broken}'`,
    );
    await writeFile(path.join(dir, broken, "migration.sql"), 'CREATE TABLE "Probe" (id int);\n');
    await expect(applyMigrations(url, { migrationsDir: dir })).resolves.toEqual({
      applied: [broken],
      total: names.length + 1,
    });
  });
});

describe("applyMigrations on a database Prisma never migrated", () => {
  it("refuses a non-empty schema (P3005)", async () => {
    const url = await scratchDatabase();
    await query(url, "CREATE TABLE legacy (id int)");
    await expect(applyMigrations(url)).rejects.toThrow(/P3005/);
    await expect(query(url, `SELECT to_regclass('"_prisma_migrations"') AS t`)).resolves.toEqual([
      { t: null },
    ]);
  });
});
