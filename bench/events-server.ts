import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { buildIsStale } from "../server/cli/build-if-stale.ts";
import { SERVER_NODE_FLAGS } from "../server/cli/server-flags.ts";

// The processes the event benchmark measures: the production app server as `npm start` runs it (building
// first if the build is stale), and a bare node:http server answering 401, the floor of any HTTP answer here.

const root = process.cwd();

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
}

export async function buildIfStale(say: (line: string) => void): Promise<void> {
  if (!buildIsStale(root)) return;
  say("building the console (next build), as npm start would …");
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const code = await exited(child);
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
}

async function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export interface Running {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function running(child: ChildProcess, url: string): Running {
  return {
    url,
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await exited(child);
    },
  };
}

/** BENCH_CPU_PROFILE=<dir>: each app server writes a V8 CPU profile there when it stops (open it in DevTools). */
function profileFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROFILE;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

/** server/cli/serve.ts in production mode; its logs go nowhere (they still cost what they cost). */
export async function startAppServer(env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...SERVER_NODE_FLAGS,
      ...profileFlags(),
      "--import",
      "tsx",
      path.join(root, "server", "cli", "serve.ts"),
    ],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/health`, child);
  return running(child, url);
}

const BARE_401 = `
  const body = JSON.stringify({ error: { code: "UNAUTHORIZED", message: "A bearer token is required." } });
  require("node:http").createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(401, { "content-type": "application/json" }).end(body));
  }).listen(Number(process.argv[1]), "127.0.0.1");`;

export async function startBare401(): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ["-e", BARE_401, String(port)], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(url, child);
  return running(child, url);
}
