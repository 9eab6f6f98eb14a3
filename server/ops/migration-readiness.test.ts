import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../db/client.ts";
import { readMigrations } from "../db/migration-files.ts";

// A stand-in for the pooled client: answers the finished-migrations query with the given names.
const dbWith = (names: string[] | Error) =>
  ({
    $queryRaw: async () => {
      if (names instanceof Error) throw names;
      return names.map((migration_name) => ({ migration_name }));
    },
  }) as unknown as Db;

// The module keeps its state per process: each test loads a fresh copy.
async function freshCheck() {
  vi.resetModules();
  return (await import("./migration-readiness.ts")).checkMigrations;
}

describe("migration readiness", () => {
  let all: string[];
  beforeEach(async () => {
    all = (await readMigrations()).map((m) => m.name);
  });

  it("is not ready while a migration file is not applied, and counts the pending ones", async () => {
    const checkMigrations = await freshCheck();
    await expect(checkMigrations(dbWith(all.slice(0, -2)))).resolves.toEqual({
      ok: false,
      detail: { pending: 2 },
    });
  });

  it("asks again while pending, and keeps the answer once everything is applied", async () => {
    const checkMigrations = await freshCheck();
    expect((await checkMigrations(dbWith([]))).ok).toBe(false);
    await expect(checkMigrations(dbWith(all))).resolves.toEqual({ ok: true, detail: { pending: 0 } });
    // No query after that: even an unreachable database does not change the migration answer.
    await expect(checkMigrations(dbWith(new Error("unreachable")))).resolves.toEqual({
      ok: true,
      detail: { pending: 0 },
    });
  });

  it("fails (so readiness fails) when the database cannot be asked", async () => {
    const checkMigrations = await freshCheck();
    await expect(checkMigrations(dbWith(new Error("unreachable")))).rejects.toThrow("unreachable");
  });
});
