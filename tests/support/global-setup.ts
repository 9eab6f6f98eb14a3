import path from "node:path";
import { rm } from "node:fs/promises";
import { applyMigrations } from "../../server/db/migrate.ts";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../server/db/embedded.ts";
import { cloneDatabase, createScratchDatabase } from "./databases.ts";
import { INTEGRATION_WORKERS } from "./workers-count.ts";

// Real PostgreSQL for the integration suite: DATABASE_URL's server when set, else a throwaway embedded one.
// Every run migrates one fresh database and clones it once per worker, so test files run side by side without
// seeing each other's rows; all are dropped at the end.
export default async function setup() {
  let embedded: EmbeddedDatabase | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = path.resolve(".data/test-postgres/pg");
    await rm(path.dirname(dataDir), { recursive: true, force: true });
    embedded = await startEmbeddedPostgres({ dataDir, password: "integration-tests", durable: false });
    serverUrl = embedded.url;
  }
  const template = await createScratchDatabase(serverUrl, "ops_it");
  await applyMigrations(template.url);
  const clones: Awaited<ReturnType<typeof cloneDatabase>>[] = [];
  for (let worker = 1; worker <= INTEGRATION_WORKERS; worker++) {
    const clone = await cloneDatabase(template, `w${worker}`);
    clones.push(clone);
    process.env[`DATABASE_URL_WORKER_${worker}`] = clone.url;
  }
  process.env.DATABASE_URL = clones[0]!.url;
  process.env.CRON_SECRET ??= "integration-cron-secret-0123456789";
  process.env.METRICS_TOKEN ??= "integration-metrics-token-0123456789";
  process.env.NEXTAUTH_SECRET ??= "integration-nextauth-secret-0123456789";

  return async () => {
    for (const clone of clones) await clone.drop();
    await template.drop();
    await embedded?.stop();
  };
}
