import type { Db } from "../db/client.ts";
import { listCities } from "../indicators/cities.ts";
import { BUCKET_MS } from "../indicators/metrics.ts";
import { latestIndicators } from "../indicators/read.ts";
import { env } from "../lib/env.ts";
import { fixedClock, type ServiceContext } from "../lib/service-context.ts";
import { MAX_INGEST_BATCH, type IngestPoint } from "../cities/contract.ts";
import { ingestIndicators } from "../cities/ingest.ts";
import { bucketOf, demoBucket, incidentAt, type DemoCity } from "./demo-model.ts";
import { CITIES } from "./reference.ts";

// DEMO DATA ONLY. While the console runs on its embedded database (or DEMO_FEED=on), the demo cities get a
// fresh reading every few seconds through the real ingest path, so charts move and alerts fire and resolve.

export const DEMO_FEED_EVERY_MS = 5_000;
// After a pause (the console was stopped), fill at most this much of the gap so charts stay continuous.
const MAX_BACKFILL_MS = 24 * 3_600_000;

export function demoFeedEnabled(): boolean {
  return env.DEMO_FEED === "on";
}

const state = globalThis as unknown as { opsDemoFeedStartedAt?: number; opsDemoFeedBackfilled?: boolean };

async function demoCities(db: Db): Promise<(DemoCity & { id: string })[]> {
  const stored = await listCities(db);
  return CITIES.flatMap((seed) => {
    const city = stored.find((candidate) => candidate.code === seed.code);
    return city ? [{ id: city.id, code: seed.code, size: seed.size }] : [];
  });
}

/** The buckets between each city's newest stored one and the current bucket, oldest first. */
async function gapPoints(
  db: Db,
  cities: readonly (DemoCity & { id: string })[],
  current: Date,
): Promise<IngestPoint[]> {
  const latest = await latestIndicators(
    db,
    cities.map((city) => city.id),
  );
  const points: IngestPoint[] = [];
  for (const city of cities) {
    const newest = Math.max(
      current.getTime() - MAX_BACKFILL_MS,
      ...latest.filter((row) => row.cityId === city.id).map((row) => row.bucketStart.getTime() + BUCKET_MS),
    );
    for (let t = newest; t < current.getTime(); t += BUCKET_MS)
      points.push(...demoBucket(city, new Date(t), null));
  }
  return points;
}

/** One tick: backfill once after a pause, then rewrite the current bucket of every demo city. */
export async function runDemoFeed(db: Db, job: ServiceContext) {
  const now = job.clock.now();
  // Every batch of the tick is written at the same instant, so the backfill and the current bucket agree.
  const context = { ...job, clock: fixedClock(now) };
  state.opsDemoFeedStartedAt ??= now.getTime();
  const sinceStart = now.getTime() - state.opsDemoFeedStartedAt;
  const cities = await demoCities(db);
  const current = bucketOf(now);
  let backfilled = 0;
  if (!state.opsDemoFeedBackfilled) {
    const gap = await gapPoints(db, cities, current);
    for (let i = 0; i < gap.length; i += MAX_INGEST_BATCH) {
      await ingestIndicators(db, context, { points: gap.slice(i, i + MAX_INGEST_BATCH) });
    }
    backfilled = gap.length;
    state.opsDemoFeedBackfilled = true;
  }
  const wobble = Math.sin(now.getTime() / 7_000);
  const points = cities.flatMap((city) =>
    demoBucket(city, current, incidentAt(city.code, sinceStart), wobble),
  );
  const result = await ingestIndicators(db, context, { points });
  return { demo: true, backfilled, points: result.accepted, alerts: result.alerts };
}
