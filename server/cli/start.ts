import { spawn, type ChildProcess } from "node:child_process";
import { SERVER_NODE_FLAGS } from "./server-flags.ts";
import path from "node:path";
import { env } from "../lib/env.ts";
import { applyMigrations } from "../db/migrate.ts";
import { startEmbeddedPostgres, EmbeddedPostgresError, type EmbeddedDatabase } from "../db/embedded.ts";
import { seedDatabase } from "../seed/index.ts";
import { fileLiveComplaints } from "../seed/live-incident.ts";
import { DEMO_ACCOUNTS, DEMO_API_CLIENT } from "../seed/demo-accounts.ts";
import { DEMO_EVENT_SOURCES } from "../seed/event-sources.ts";
import { loadLocalSecrets } from "./local-secrets.ts";
import { parsePiiKeyring } from "../lib/pii-cipher.ts";
import { configurePiiKeyring } from "../lib/pii-keyring.ts";
import { buildIsStale } from "./build-if-stale.ts";

// `npm start`: database (embedded unless DATABASE_URL), migrations, demo seed, production build, then the app
// server (server/cli/serve.ts: the lean event listener in front of Next, in place of `next start`).
const root = process.cwd();
const dev = process.argv.includes("--dev");
const say = (line: string) => process.stdout.write(`${line}\n`);

function run(command: string, args: string[], extraEnv: Record<string, string>): ChildProcess {
  return spawn(command, args, {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
  });
}

function waitFor(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

async function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  while (child.exitCode === null) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function printBanner(port: number, usingEmbedded: boolean, cronSecret: string, metricsToken: string): void {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  say("");
  say(
    `  Ops Console is ready on http://localhost:${port}  (${usingEmbedded ? "embedded PostgreSQL" : "DATABASE_URL"})`,
  );
  say("");
  say("  Demo sign-ins (demo data only):");
  for (const account of DEMO_ACCOUNTS) {
    say(`    ${account.email.padEnd(width)}  ${account.password.padEnd(16)}  ${account.roles.join(", ")}`);
  }
  say("  Second factor (TOTP) for the privileged demo sign-ins; add the secret to an authenticator app:");
  for (const account of DEMO_ACCOUNTS) {
    if (account.totpSecret) say(`    ${account.email.padEnd(width)}  ${account.totpSecret}`);
  }
  say("");
  say(
    `  Demo API client: client_id=${DEMO_API_CLIENT.clientId} client_secret=${DEMO_API_CLIENT.clientSecret}`,
  );
  say(
    `    curl -s -u ${DEMO_API_CLIENT.clientId}:${DEMO_API_CLIENT.clientSecret} -d grant_type=client_credentials http://localhost:${port}/api/oauth/token`,
  );
  say(
    "  Demo event sources: POST /api/operations/events signed with these (Standard Webhooks), or the bearer token",
  );
  for (const source of DEMO_EVENT_SOURCES) say(`    ${source.key.padEnd(22)}  ${source.secret}`);
  say(`  Cron secret: ${cronSecret}   Metrics token: ${metricsToken}`);
  say("");
}

// Module scope so a failed start can still stop the database it started.
let embedded: EmbeddedDatabase | null = null;

async function main(): Promise<void> {
  const dataDir = path.resolve(root, env.EMBEDDED_PG_DIR);
  const secrets = await loadLocalSecrets(path.dirname(dataDir));
  let child: ChildProcess | null = null;

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping…`);
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await waitFor(child);
    }
    await embedded?.stop();
    process.exit(0);
  };
  process.on("SIGINT", (s) => void shutdown(s));
  process.on("SIGTERM", (s) => void shutdown(s));

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    say(`Starting embedded PostgreSQL in ${path.relative(root, dataDir)} …`);
    embedded = await startEmbeddedPostgres({ dataDir, password: secrets.postgresPassword });
    databaseUrl = embedded.url;
    say(`Embedded PostgreSQL listening on 127.0.0.1:${embedded.port}`);
  }

  // The seed encrypts personal data with the same keys the app reads it with.
  const piiKeys = env.PII_KEYS ?? secrets.piiKeys;
  const piiActiveKeyId = env.PII_KEYS ? env.PII_ACTIVE_KEY_ID : secrets.piiActiveKeyId;
  configurePiiKeyring(parsePiiKeyring(piiKeys, piiActiveKeyId));

  const migrations = await applyMigrations(databaseUrl);
  say(`Migrations: ${migrations.applied.length} applied now, ${migrations.total} in all.`);
  const seed = await seedDatabase(databaseUrl);
  say(seed.seeded ? "Seeded demo data." : "Database already has data: seed skipped.");
  if (seed.seeded) {
    const filed = await fileLiveComplaints(databaseUrl);
    say(
      `Filed ${filed} live complaints about one Osaka restaurant: correlation opens their incident at start.`,
    );
  }

  const port = env.PORT;
  const appEnv: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? secrets.nextAuthSecret,
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    CRON_SECRET: env.CRON_SECRET ?? secrets.cronSecret,
    METRICS_TOKEN: env.METRICS_TOKEN ?? secrets.metricsToken,
    PII_KEYS: piiKeys,
    ...(piiActiveKeyId ? { PII_ACTIVE_KEY_ID: piiActiveKeyId } : {}),
    DEMO_FEED: env.DEMO_FEED === "auto" ? (embedded ? "on" : "off") : env.DEMO_FEED,
  };
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

  if (!dev && buildIsStale(root)) {
    say("Building the console (next build) …");
    child = run(process.execPath, [nextBin, "build"], appEnv);
    const code = await waitFor(child);
    if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
  }

  const serve = path.join(root, "server", "cli", "serve.ts");
  child = run(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", serve, ...(dev ? ["--dev"] : [])], {
    ...appEnv,
    PORT: String(port),
    NODE_ENV: dev ? "development" : "production",
  });
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, child);
  printBanner(port, embedded !== null, String(appEnv.CRON_SECRET), String(appEnv.METRICS_TOKEN));
  const code = await waitFor(child);
  if (!stopping) {
    await embedded?.stop();
    process.exit(code);
  }
}

main().catch(async (error: unknown) => {
  await embedded?.stop().catch(() => undefined);
  if (error instanceof EmbeddedPostgresError) {
    process.stderr.write(`\nCannot start the embedded PostgreSQL: ${error.message}\n→ ${error.hint}\n`);
  } else {
    process.stderr.write(`\nStart failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});
