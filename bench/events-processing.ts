import autocannon from "autocannon";
import type pg from "pg";
import type { Db } from "../server/db/client.ts";
import { pendingInboundCount } from "../server/hub/processing-repository.ts";
import { benchEvent } from "./events-data.ts";

type MakeEvent = () => object;

// The processing half of bench:events: the app with its consumers on takes single events at a fixed offered
// rate; the inbox depth is sampled each second while they arrive and until it drains, and each routed event's
// accepted → routed-effect-committed time is read from the inbox row (receivedAt → processedAt, both set by the
// database clock, so no clock skew between processes enters the figure). The same measure serves the floor:
// events whose route makes nothing, counted by the status they end in ("unrouted").

export interface ProcessingFigures {
  offeredPerSecond: number;
  acceptedPerSecond: number;
  routedPerSecond: number;
  depth: number[];
  drainSeconds: number;
  p50Ms: number;
  p99Ms: number;
  /** Events that ended in the measured status ("routed", or "unrouted" for the floor). */
  routed: number;
  notRouted: Record<string, number>;
  /** The commonest reasons an event was not routed, so a broken run says why. */
  failures: { failureClass: string; lastError: string; n: number }[];
}

const DRAIN_LIMIT_SECONDS = 120;

/** Offers `rate` events/s for `seconds` with autocannon, single events under the bearer token. */
function offer(
  eventsUrl: string,
  token: string,
  rate: number,
  seconds: number,
  event: MakeEvent = benchEvent,
) {
  return autocannon({
    url: eventsUrl,
    method: "POST",
    // Enough connections to keep offering the rate while answers slow down under load.
    connections: 100,
    overallRate: rate,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/cloudevents+json" },
    requests: [{ setupRequest: (req: object) => ({ ...req, body: JSON.stringify(event()) }) }],
  });
}

/** Seconds, checked once a second, until `count` answers 0 (at most DRAIN_LIMIT_SECONDS). */
async function secondsUntilNone(count: () => Promise<number>): Promise<number> {
  let seconds = 0;
  while ((await count()) > 0 && seconds < DRAIN_LIMIT_SECONDS) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    seconds += 1;
  }
  return seconds;
}

const countOf = async (pool: pg.Pool, sql: string) => (await pool.query<{ n: number }>(sql)).rows[0]!.n;

/** Seconds until the inbox holds nothing pending. */
const drained = (db: Db) => secondsUntilNone(() => pendingInboundCount(db));

/**
 * Waits until the consumers have handled every delivery (dead letters aside): the work a routed event causes
 * goes on after its inbox row is done. Answers what was pending when called and the seconds it took.
 */
export async function consumersDrained(pool: pg.Pool): Promise<{ pending: number; seconds: number }> {
  const pendingDeliveries = () =>
    countOf(pool, `SELECT count(*)::int AS n FROM "EventDelivery" WHERE status = 'pending'`);
  const pending = await pendingDeliveries();
  return { pending, seconds: await secondsUntilNone(pendingDeliveries) };
}

/**
 * Waits until no autovacuum worker runs: the vacuum of what one measurement wrote would otherwise be counted in
 * the next one's PostgreSQL CPU.
 */
export async function vacuumQuiet(pool: pg.Pool): Promise<void> {
  await secondsUntilNone(() =>
    countOf(pool, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`),
  );
}

/**
 * The same load for `seconds` before measuring, then a drain: a server just started compiles its hot paths and
 * fills its pools during its first seconds, which a steady stream of events never pays again.
 */
export async function warmUp(
  db: Db,
  pool: pg.Pool,
  target: { eventsUrl: string; token: string },
  rate: number,
  seconds: number,
) {
  await offer(target.eventsUrl, target.token, rate, seconds);
  await drained(db);
  await consumersDrained(pool);
}

/** The inbox's events from now on: the figures leave out what came before (the warm-up's). */
async function lastSeq(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ seq: string }>(
    `SELECT coalesce(max(seq), 0)::text AS seq FROM "InboundEvent"`,
  );
  return rows[0]!.seq;
}

export async function measureProcessing(
  db: Db,
  pool: pg.Pool,
  eventsUrl: string,
  token: string,
  options: { rate: number; seconds: number; event?: MakeEvent; status?: "routed" | "unrouted" },
): Promise<ProcessingFigures> {
  const done = options.status ?? "routed";
  const after = await lastSeq(pool);
  const depth: number[] = [];
  // Counted as the app's depth gauge counts it: a plain count walks every finished row's stale index entry.
  const sampler = setInterval(() => void pendingInboundCount(db).then((n) => depth.push(n)), 1000);
  const started = Date.now();
  const result = await offer(eventsUrl, token, options.rate, options.seconds, options.event);
  const drainSeconds = await drained(db);
  clearInterval(sampler);
  const elapsed = (Date.now() - started) / 1000;
  const { rows } = await pool.query<{ status: string; n: string; p50: number | null; p99: number | null }>(
    `SELECT status, count(*)::text AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "processedAt" - "receivedAt") * 1000) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM "processedAt" - "receivedAt") * 1000) AS p99
       FROM "InboundEvent" WHERE seq > $1 GROUP BY status`,
    [after],
  );
  const failures = await pool.query<{ failureClass: string; lastError: string; n: number }>(
    `SELECT "failureClass", left("lastError", 200) AS "lastError", count(*)::int AS n FROM "InboundEvent"
      WHERE seq > $1 AND "lastError" IS NOT NULL GROUP BY 1, 2 ORDER BY n DESC LIMIT 3`,
    [after],
  );
  const routedRow = rows.find((row) => row.status === done);
  const routed = Number(routedRow?.n ?? 0);
  const accepted = result.statusCodeStats["202"]?.count ?? 0;
  return {
    offeredPerSecond: options.rate,
    acceptedPerSecond: accepted / result.duration,
    routedPerSecond: routed / elapsed,
    depth,
    drainSeconds,
    p50Ms: routedRow?.p50 ?? 0,
    p99Ms: routedRow?.p99 ?? 0,
    routed,
    failures: failures.rows,
    notRouted: Object.fromEntries(
      rows.filter((row) => row.status !== done).map((row) => [row.status, Number(row.n)]),
    ),
  };
}
