import pg from "pg";
import { afterAll } from "vitest";

// Runs in each test worker before its test file: the worker's own clone of the migrated database.
const worker = process.env.VITEST_POOL_ID ?? "1";
const url = process.env[`DATABASE_URL_WORKER_${worker}`];
if (!url) throw new Error(`no integration database for worker ${worker}`);
process.env.DATABASE_URL = url;

// Test files of a worker share its process, so a transaction one file leaves open would outlive it and hold back
// whatever waits on older transactions (the event feed does): each file must end its own.
afterAll(async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number; query: string }>(
      `SELECT pid, left(query, 200) AS query FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND state IN ('idle in transaction', 'idle in transaction (aborted)')`,
    );
    if (rows.length > 0) {
      await client.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS t(pid)`, [
        rows.map((row) => row.pid),
      ]);
      throw new Error(
        `this file left ${rows.length} transaction(s) open: ${rows.map((r) => r.query).join(" | ")}`,
      );
    }
  } finally {
    await client.end();
  }
});
