import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import {
  bindMigrationAwareSqlAdapterFactory,
  isDriverAdapterError,
  type ErrorRegistry,
  type SqlDriverAdapter,
} from "@prisma/driver-adapter-utils";
import type { DiffTarget, MigrationList } from "@prisma/schema-engine-wasm";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import {
  MIGRATION_LOCK_TOML,
  migrationsDir,
  type MigrationScript,
  type SchemaFile,
} from "./migration-files.ts";

// The engine leaves a ~10 s timer behind: CLI scripts using it must end with process.exit.

type SchemaSource =
  | { kind: "empty" }
  | { kind: "migrations"; migrations: MigrationScript[] }
  | { kind: "schema"; files: SchemaFile[] };

export interface DiffParams {
  from: SchemaSource;
  to: SchemaSource;
}

export interface SchemaEngineSession {
  /** The SQL turning `from` into `to`; "" when they match. */
  diffToSql(params: DiffParams): Promise<string>;
  close(): Promise<void>;
}

let wasmLoaded: Promise<void> | undefined;

// Node 20 cannot import the package entry (it imports the .wasm as an ES module), so instantiate it by hand.
function loadWasm(): Promise<void> {
  wasmLoaded ??= (async () => {
    const entry = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm");
    const bytes = await readFile(path.join(path.dirname(entry), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
    bindings.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start !== "function") throw new Error("schema_engine_bg.wasm lacks __wbindgen_start");
    start();
  })();
  return wasmLoaded;
}

// pglite-prisma-adapter 0.7.2 does not await exec in executeScript, so a failing migration would pass unnoticed.
function awaitScripts(pglite: PGlite, adapter: SqlDriverAdapter): SqlDriverAdapter {
  adapter.executeScript = async (script) => {
    await pglite.exec(script);
  };
  return adapter;
}

/**
 * An engine whose shadow database is one in-memory PGlite, reset before each diff.
 * Open one per batch of diffs: starting PGlite takes about 2 s, a diff well under 1 s.
 */
export async function openSchemaEngine(): Promise<SchemaEngineSession> {
  await loadWasm();
  // Migrations may CREATE EXTENSION pg_trgm (trigram search indexes); the shadow must be able to load it.
  const pglite = new PGlite({ extensions: { pg_trgm } });
  const adapters = new PrismaPGlite(pglite);
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "pglite-shadow",
    // Diffing only reads the main database's version, so it can share the shadow's instance.
    connect: () => adapters.connect(),
    connectToShadowDb: async () => {
      await pglite.exec('DROP SCHEMA IF EXISTS "public" CASCADE; CREATE SCHEMA "public";');
      return awaitScripts(pglite, await adapters.connect());
    },
  });
  const engine = await bindings.SchemaEngine.new({ datamodels: undefined }, () => undefined, factory).catch(
    (error: unknown) => {
      throw decodeEngineError(error, factory.errorRegistry);
    },
  );
  return {
    async diffToSql({ from, to }) {
      const result = await engine
        .diff({
          from: toTarget(from),
          to: toTarget(to),
          script: true,
          exitCode: true,
          filters: { externalTables: [], externalEnums: [] },
        })
        .catch((error: unknown) => {
          throw decodeEngineError(error, factory.errorRegistry);
        });
      // Exit code 0 means "no difference" even though stdout then holds a placeholder comment.
      return result.exitCode === 0 ? "" : (result.stdout ?? "");
    },
    async close() {
      engine.free();
      await pglite.close();
    },
  };
}

/** One-off diff; prefer openSchemaEngine for several. */
export async function diffToSql(params: DiffParams): Promise<string> {
  const session = await openSchemaEngine();
  try {
    return await session.diffToSql(params);
  } finally {
    await session.close();
  }
}

function toTarget(source: SchemaSource): DiffTarget {
  switch (source.kind) {
    case "empty":
      return { tag: "empty" };
    case "schema":
      return { tag: "schemaDatamodel", files: source.files };
    case "migrations":
      return { tag: "migrations", ...migrationList(source.migrations) };
  }
}

function migrationList(migrations: MigrationScript[]): MigrationList {
  return {
    baseDir: migrationsDir(),
    // The engine picks its connector from the lock file; pass it even before the first migration writes it.
    lockfile: { path: "migration_lock.toml", content: MIGRATION_LOCK_TOML },
    shadowDbInitScript: "",
    migrationDirectories: migrations.map((m) => ({
      path: m.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
    })),
  };
}

/** Replaces the engine's `External error id#N` placeholders with the adapter errors they stand for. */
function decodeEngineError(error: unknown, registry: ErrorRegistry): Error {
  const message = error instanceof Error ? error.message : String(error);
  const decoded = message.replace(/External error id#(\d+)/g, (placeholder, id: string) => {
    const record = registry.consumeError(Number(id));
    return record ? describeAdapterError(record.error) : placeholder;
  });
  return new Error(decoded, { cause: error });
}

function describeAdapterError(error: unknown): string {
  if (isDriverAdapterError(error)) {
    return error.cause.originalMessage ?? `${error.message} ${JSON.stringify(error.cause)}`;
  }
  if (error instanceof Error) {
    const code = "code" in error && typeof error.code === "string" ? ` (SQLSTATE ${error.code})` : "";
    return `${error.message}${code}`;
  }
  return String(error);
}
