import { cpus } from "node:os";
import type pg from "pg";
import type { Db } from "../server/db/client.ts";
import { countCpu, type CpuUse } from "./cpu-time.ts";
import { benchStatusUpdate } from "./events-data.ts";
import { consumersDrained, measureProcessing, vacuumQuiet, warmUp } from "./events-processing.ts";
import type { Running } from "./events-server.ts";
import { reportStatements, resetStatements } from "./statements.ts";
import { int, ms, say } from "./events-print.ts";

// The processing half of bench:events, as printed: the routed figures, then the floor beside them.

/** CPU per processed event of the app server and PostgreSQL, beside what keeping up with the rate leaves. */
function cpuPerEvent(used: CpuUse | null, events: number): string {
  if (!used || events === 0) return "";
  const per = (seconds: number) => `${((seconds * 1000) / events).toFixed(2)} ms`;
  return (
    `app server ${per(used.serverSeconds)}, PostgreSQL ${per(used.databaseSeconds)} (all ${cpus().length} ` +
    `cores ${Math.round(used.machineBusy * 100)}% busy)`
  );
}

export interface ProcessingSettings {
  /** Offered single events per second. */
  rate: number;
  /** Seconds of measured load. */
  seconds: number;
  /** Seconds of the same load before, not counted (a server just started compiles its hot paths first). */
  warmUpSeconds: number;
}

/** Processing: a fresh inbox, a started app with its consumers on, single events at a fixed offered rate. */
export async function benchProcessing(
  db: Db,
  pool: pg.Pool,
  app: { token: string; start: () => Promise<Running> },
  settings: ProcessingSettings,
) {
  const { rate, seconds } = settings;
  const { token } = app;
  await pool.query(`TRUNCATE "InboundEvent"`);
  const processingApp = await app.start();
  const eventsUrl = `${processingApp.url}/api/operations/events`;
  await warmUp(db, pool, { eventsUrl, token }, rate, settings.warmUpSeconds);
  const counting = await resetStatements(pool);
  const cpu = countCpu(processingApp.pid);
  const p = await measureProcessing(db, pool, eventsUrl, token, { rate, seconds });
  const consumers = await consumersDrained(pool);
  const used = cpu?.() ?? null;
  say(
    `processing, ${int(p.offeredPerSecond)} events/s offered for ${seconds} s after ${settings.warmUpSeconds} s of ` +
      `warm-up (target: keeps up, accepted → ` +
      "routed effect committed p99 < 2 s, inbox depth flat):",
  );
  say(
    `  accepted ${int(p.acceptedPerSecond)}/s · routed ${int(p.routedPerSecond)}/s over the run and its drain ` +
      `(${int(p.routed)} routed; ${
        Object.entries(p.notRouted)
          .map(([status, n]) => `${status} ${int(n)}`)
          .join(", ") || "none other"
      })`,
  );
  for (const failure of p.failures)
    say(`  not routed: ${int(failure.n)} × ${failure.failureClass}: ${failure.lastError}`);
  say(`  accepted → committed: p50 ${ms(p.p50Ms)}  p99 ${ms(p.p99Ms)}`);
  if (used && p.routed > 0) {
    say(
      `  CPU per routed event: ${cpuPerEvent(used, p.routed)}; keeping up with ${int(rate)}/s leaves ` +
        `${((cpus().length * 1000) / rate).toFixed(2)} ms per event for both and the load generator`,
    );
  }
  say(
    `  inbox depth each second: ${p.depth.map(int).join(" ")} (drained ${p.drainSeconds} s after the last send); ` +
      `then the consumers' ${int(consumers.pending)} pending deliveries in ${consumers.seconds} s (counted in the CPU)`,
  );
  if (counting) await reportStatements(pool);
  await benchProcessingFloor(db, pool, { eventsUrl, token, pid: processingApp.pid }, settings);
}

/**
 * The processing floor: the same server, rate and path (edge, claim, mapping, facts, decision stored) for events
 * whose route makes nothing. What a routed event costs beyond it is its effects and their consumers.
 */
async function benchProcessingFloor(
  db: Db,
  pool: pg.Pool,
  server: { eventsUrl: string; token: string; pid: number },
  settings: ProcessingSettings,
) {
  await vacuumQuiet(pool);
  const cpu = countCpu(server.pid);
  const floor = await measureProcessing(db, pool, server.eventsUrl, server.token, {
    rate: settings.rate,
    seconds: settings.seconds,
    event: benchStatusUpdate,
    status: "unrouted",
  });
  await consumersDrained(pool);
  const used = cpu?.() ?? null;
  say(
    `  floor, events routed to nothing at the same rate (OrderStatusUpdated of orders without a ticket): ` +
      `processed ${int(floor.routedPerSecond)}/s, accepted → stored p99 ${ms(floor.p99Ms)}; CPU per event ` +
      `${cpuPerEvent(used, floor.routed)}`,
  );
}
