import type { RequestListener } from "node:http";
import next from "next";
import { closeEdgeRuntime, edgeRuntime } from "../hub/edge/edge-runtime.ts";
import { createEventListener } from "../hub/edge/listener.ts";
import { env } from "../lib/env.ts";
import { flushTracing, startTracingIfConfigured } from "../lib/telemetry/start.ts";

// The app server `npm start` runs (in place of `next start`): one node:http listener on PORT that answers
// POST /api/operations/events itself and hands every other request to Next, in this same process (a Next
// custom server). `--dev` runs Next in development mode. SIGINT/SIGTERM stop taking connections, let the
// inbox writes in flight commit, then exit.

const dev = process.argv.includes("--dev");
const port = env.PORT;
const STOP_GRACE_MS = 5_000;

// Before the listener exists, so its requests (the event edge's included) get server spans.
await startTracingIfConfigured();

let handleNext: RequestListener | null = null;
const server = createEventListener(
  (req, res) => handleNext?.(req, res),
  () => edgeRuntime().deps,
);
const app = next({ dev, dir: process.cwd(), port, httpServer: server });

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
  await Promise.allSettled([app.close(), closeEdgeRuntime()]);
  await flushTracing().catch(() => undefined);
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

await app.prepare();
const requestHandler = app.getRequestHandler();
handleNext = (req, res) => void requestHandler(req, res);
server.listen(port, () =>
  process.stdout.write(`Listening on http://localhost:${port} (events edge + Next)\n`),
);
