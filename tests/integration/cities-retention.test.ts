import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as evaluateCron } from "../../app/api/cron/alerts/route.ts";
import { ingestIndicators } from "../../server/cities/ingest.ts";
import { getDb, type Db } from "../../server/db/client.ts";
import { gzipLines } from "../../server/retention/archive-files.ts";
import { retentionCutoff } from "../../server/retention/policy.ts";
import { restoreArchive } from "../../server/retention/restore.ts";
import { applyRetention } from "../../server/retention/service.ts";
import { createCity, jobAt, run } from "../support/cities.ts";
import { archiveDirectory, restoreTarget, retentionContext } from "../support/retention.ts";

// Raw 5-minute points past three years go through the retention job like closed work: archived, deleted, and
// restorable row for row; their hourly and daily rollups stay. And the cron route that runs the city job.

const RUN_AT = new Date("2026-12-06T03:00:00Z"); // the retention context's clock

async function rawPoints(db: Db, cityId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ line: string }[]>`
    SELECT row_to_json(r.*)::text AS line FROM "CityIndicator" r WHERE r."cityId" = ${cityId}::uuid`;
  return rows.map((row) => row.line).sort();
}

const rollups = (cityId: string) =>
  Promise.all([
    getDb().cityIndicatorHourly.findMany({ where: { cityId }, orderBy: { bucketStart: "asc" } }),
    getDb().cityIndicatorDaily.findMany({ where: { cityId }, orderBy: { bucketStart: "asc" } }),
  ]);

describe("raw indicator retention", () => {
  const db = getDb();
  const correlationId = `indicator-retention-${Date.now()}`;
  const cutoff = retentionCutoff("indicator_points", RUN_AT);
  let cityId: string;
  let agedBefore: string[];
  let archiveDir: string;
  let scratch: Awaited<ReturnType<typeof restoreTarget>>;
  let scratchDb: Db;

  beforeAll(async () => {
    const city = await createCity("Rollupville");
    cityId = city.id;
    // Three aged points in the hour before the cutoff (two metrics), one point after it.
    const aged = [
      ...run(city.code, "orders", new Date(cutoff.getTime() - 600_000), [5, 6, 7.25]),
      ...run(city.code, "cancellation_rate", new Date(cutoff.getTime() - 300_000), [0.125]),
    ];
    const recent = run(city.code, "orders", new Date(cutoff.getTime() + 3_600_000), [8]);
    await ingestIndicators(db, jobAt(RUN_AT, correlationId), { points: [...aged, ...recent] });
    agedBefore = (await rawPoints(db, cityId)).filter((line) => !line.includes('"value":8'));
    archiveDir = await archiveDirectory();
    scratch = await restoreTarget();
    scratchDb = scratch.db;
  });

  afterAll(() => scratch?.drop());

  it("cuts off three years back", () => {
    expect(cutoff.toISOString()).toBe("2023-12-06T03:00:00.000Z");
    expect(agedBefore).toHaveLength(4);
  });

  it("archives and deletes points past three years in chunks, keeping the later ones and every rollup", async () => {
    const rollupsBefore = await rollups(cityId);
    expect(rollupsBefore[0].length).toBeGreaterThanOrEqual(3);

    const summary = await applyRetention(db, retentionContext(correlationId), { archiveDir, chunkSize: 2 });

    const left = await db.cityIndicator.findMany({ where: { cityId }, select: { value: true } });
    expect(left).toEqual([{ value: 8 }]);
    expect(await rollups(cityId)).toEqual(rollupsBefore);
    expect(summary.rows.CityIndicator).toBeGreaterThanOrEqual(4);
    const events = await db.domainEvent.findMany({ where: { type: "RetentionApplied", correlationId } });
    const pointChunks = events.filter((e) => (e.payload as { family: string }).family === "indicator_points");
    // Chunks of two rows: at least two for this city's four points.
    expect(pointChunks.length).toBeGreaterThanOrEqual(2);
    expect(pointChunks.reduce((n, e) => n + (e.payload as { roots: number }).roots, 0)).toBe(
      summary.rows.CityIndicator,
    );
  });

  it("writes each removed point to the day's archive exactly once", async () => {
    const archived: string[] = [];
    for await (const line of gzipLines(path.join(archiveDir, "2026-12-06", "CityIndicator.jsonl.gz")))
      if (JSON.parse(line).cityId === cityId) archived.push(line);
    expect(archived.sort()).toEqual(agedBefore);
  });

  it("archives nothing more on a second run", async () => {
    const again = await applyRetention(db, retentionContext(`${correlationId}-again`), { archiveDir });
    expect(again.rows.CityIndicator ?? 0).toBe(0);
    expect(await db.cityIndicator.count({ where: { cityId } })).toBe(1);
  });

  it("restores the points into a scratch database as they were, value and timestamp types included", async () => {
    const summary = await restoreArchive(scratchDb, archiveDir);
    expect(summary.inserted.CityIndicator).toBe(summary.read.CityIndicator);
    expect(await rawPoints(scratchDb, cityId)).toEqual(agedBefore);
    const restored = await scratchDb.cityIndicator.findFirstOrThrow({
      where: { cityId, metric: "orders", value: 7.25 },
    });
    expect(restored.bucketStart).toEqual(new Date(cutoff.getTime() - 600_000));
  });
});

describe("cron routes", () => {
  it("need the cron secret, then run the job and answer its summary", async () => {
    const cron = (secret: string | undefined) =>
      new Request("http://localhost/api/cron/alerts", {
        method: "POST",
        headers: secret ? { authorization: `Bearer ${secret}` } : {},
      });
    expect((await evaluateCron(cron(undefined))).status).toBe(401);
    const evaluated = await evaluateCron(cron(process.env.CRON_SECRET));
    expect(evaluated.status).toBe(200);
    expect(await evaluated.json()).toMatchObject({
      job: "alerts.evaluate",
      cities: expect.any(Number),
      triggered: expect.any(Number),
    });
  });
});
