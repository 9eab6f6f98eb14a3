import path from "node:path";
import { rm } from "node:fs/promises";
import { applyMigrations } from "../../server/db/migrate.ts";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../server/db/embedded.ts";
import { createScratchDatabase } from "./databases.ts";

// Real PostgreSQL for the integration suite: DATABASE_URL's server when set, else a throwaway embedded one.
// Every run gets its own freshly migrated database, dropped at the end.
export default async function setup() {
  let embedded: EmbeddedDatabase | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = path.resolve(".data/test-postgres/pg");
    await rm(path.dirname(dataDir), { recursive: true, force: true });
    embedded = await startEmbeddedPostgres({ dataDir, password: "integration-tests" });
    serverUrl = embedded.url;
  }
  const database = await createScratchDatabase(serverUrl, "ops_it");
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;
  process.env.CRON_SECRET ??= "integration-cron-secret-0123456789";
  process.env.METRICS_TOKEN ??= "integration-metrics-token-0123456789";
  process.env.NEXTAUTH_SECRET ??= "integration-nextauth-secret-0123456789";

  return async () => {
    await database.drop();
    await embedded?.stop();
  };
}
