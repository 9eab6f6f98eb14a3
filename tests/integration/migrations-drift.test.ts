import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  readMigrations,
  readSchemaFiles,
  type MigrationScript,
  type SchemaFile,
} from "../../server/db/migration-files.ts";
import { openSchemaEngine, type SchemaEngineSession } from "../../server/db/schema-engine.ts";

// prisma/migrations replayed into an in-memory PGlite must give exactly prisma/schema.prisma: no server needed.
describe("migrations match schema.prisma", () => {
  let engine: SchemaEngineSession;
  let migrations: MigrationScript[];
  let schema: SchemaFile;

  beforeAll(async () => {
    engine = await openSchemaEngine();
    migrations = await readMigrations();
    const files = await readSchemaFiles();
    expect(files).toHaveLength(1);
    schema = files[0]!;
  }, 60_000);

  afterAll(async () => {
    await engine?.close();
  });

  const driftTo = (content: string, from: MigrationScript[] = migrations) =>
    engine.diffToSql({
      from: { kind: "migrations", migrations: from },
      to: { kind: "schema", files: [{ ...schema, content }] },
    });

  it("has no drift: the migrations produce schema.prisma exactly", async () => {
    expect(migrations.length).toBeGreaterThan(0);
    await expect(driftTo(schema.content)).resolves.toBe("");
  });

  it("reports a model missing from the migrations", async () => {
    const sql = await driftTo(`${schema.content}\nmodel DriftProbe {\n  id Int @id\n}\n`);
    expect(sql).toContain('CREATE TABLE "DriftProbe"');
  });

  it("reports a field missing from the migrations", async () => {
    const withField = schema.content.replace("model AuditLog {", "model AuditLog {\n  driftProbe String?");
    expect(withField).not.toBe(schema.content);
    const sql = await driftTo(withField);
    expect(sql).toContain('ALTER TABLE "AuditLog" ADD COLUMN     "driftProbe" TEXT');
  });

  it("fails on a migration that does not apply instead of skipping it", async () => {
    const broken = { name: "29990101000000_broken", sql: "SELEC 1;", checksum: "" };
    await expect(driftTo(schema.content, [...migrations, broken])).rejects.toThrow(
      /29990101000000_broken` failed to apply cleanly[\s\S]*syntax error at or near "SELEC"/,
    );
  });
});
