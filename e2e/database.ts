import { readFileSync } from "node:fs";
import pg from "pg";

// The browser tests' own embedded database (playwright.config.ts: .data/e2e), for the few tests that stage
// what no API can: a fault to recover from. Its port is in postmaster.pid, its password beside the data.
export async function e2eDatabase(): Promise<pg.Client> {
  const port = Number(readFileSync(".data/e2e/postgres/postmaster.pid", "utf8").split("\n")[3]);
  const { postgresPassword } = JSON.parse(readFileSync(".data/e2e/secrets.json", "utf8")) as {
    postgresPassword: string;
  };
  const client = new pg.Client({
    host: "127.0.0.1",
    port,
    user: "ops",
    password: postgresPassword,
    database: "ops_console",
  });
  await client.connect();
  return client;
}
