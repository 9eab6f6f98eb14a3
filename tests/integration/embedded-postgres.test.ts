import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { chmodSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../server/db/embedded.ts";

await mkdir(".data", { recursive: true });
const root = await mkdtemp(path.resolve(".data/embedded-test-"));
chmodSync(root, 0o755);
const dataDir = path.join(root, "pg");

async function countRows(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM kept");
    return result.rows[0]?.n ?? -1;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("keeps data across restarts and survives a killed run's stale postmaster.pid", async () => {
    const first = await startEmbeddedPostgres({ dataDir, password: "embedded-test" });
    expect(first.port).not.toBe(5432);
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    // The app's URL goes through the Unix socket in the data directory (no server address over one).
    const via = await client.query<{ address: string | null }>("SELECT inet_server_addr()::text AS address");
    expect(via.rows[0]?.address).toBeNull();
    await client.query("CREATE TABLE kept (id int); INSERT INTO kept VALUES (1), (2)");
    await client.end();

    // Simulate a crash: kill the postmaster hard, leaving its pid file behind.
    const pid = Number.parseInt(
      (await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0] ?? "",
      10,
    );
    process.kill(pid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 500));
    await first.stop().catch(() => undefined);

    const second = await startEmbeddedPostgres({ dataDir, password: "embedded-test" });
    try {
      expect(await countRows(second.url)).toBe(2);
    } finally {
      await second.stop();
    }
  });
});
