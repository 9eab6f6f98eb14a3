import { describe, expect, it } from "vitest";
import { POST as evaluateCron } from "../../app/api/cron/alerts/route.ts";
import { POST as retentionCron } from "../../app/api/cron/alerts/retention/route.ts";
import { ingestIndicators } from "../../server/cities/ingest.ts";
import { getDb } from "../../server/db/client.ts";
import { pruneRawIndicators, retentionCutoff } from "../../server/indicators/retention.ts";
import { createCity, jobAt, run } from "../support/cities.ts";

// Three years of raw points, rollups for ever; and the cron routes that run the city jobs.

const cron = (secret: string | undefined) =>
  new Request("http://localhost/api/cron/alerts", {
    method: "POST",
    headers: secret ? { authorization: `Bearer ${secret}` } : {},
  });

describe("raw indicator retention", () => {
  it("deletes raw points older than three years and keeps their rollups", async () => {
    const city = await createCity();
    const now = new Date("2029-06-01T00:00:00Z");
    const cutoff = retentionCutoff(now);
    expect(cutoff.toISOString()).toBe("2026-06-01T00:00:00.000Z");
    const old = run(city.code, "orders", new Date(cutoff.getTime() - 3_600_000), [5, 6, 7]);
    const recent = run(city.code, "orders", new Date(cutoff.getTime() + 3_600_000), [8]);
    await ingestIndicators(getDb(), jobAt(now, "retention-test"), { points: [...old, ...recent] });

    const result = await pruneRawIndicators(getDb(), jobAt(now, "retention-test"));
    expect(result.deleted).toBeGreaterThanOrEqual(3);
    const left = await getDb().cityIndicator.findMany({
      where: { cityId: city.id },
      select: { value: true },
    });
    expect(left).toEqual([{ value: 8 }]);
    const hourly = await getDb().cityIndicatorHourly.findMany({
      where: { cityId: city.id },
      orderBy: { bucketStart: "asc" },
    });
    expect(hourly.map((h) => h.sum)).toEqual([11, 7, 8]);
    expect(await getDb().cityIndicatorDaily.count({ where: { cityId: city.id } })).toBeGreaterThanOrEqual(1);
    const events = await getDb().domainEvent.findMany({
      where: { type: "IndicatorsPruned", correlationId: "retention-test" },
    });
    expect(events).toHaveLength(1);
    expect((await pruneRawIndicators(getDb(), jobAt(now, "retention-again"))).deleted).toBe(0);
  });
});

describe("cron routes", () => {
  it("need the cron secret, then run the job and answer its summary", async () => {
    expect((await evaluateCron(cron(undefined))).status).toBe(401);
    const evaluated = await evaluateCron(cron(process.env.CRON_SECRET));
    expect(evaluated.status).toBe(200);
    expect(await evaluated.json()).toMatchObject({
      job: "alerts.evaluate",
      cities: expect.any(Number),
      triggered: expect.any(Number),
    });
    const pruned = await retentionCron(cron(process.env.CRON_SECRET));
    expect(await pruned.json()).toMatchObject({ job: "cities.retention", deleted: expect.any(Number) });
  });
});
