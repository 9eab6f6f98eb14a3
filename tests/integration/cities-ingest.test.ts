import { describe, expect, it } from "vitest";
import { GET as listCities } from "../../app/api/operations/cities/route.ts";
import { POST as ingest } from "../../app/api/operations/cities/indicators/route.ts";
import { GET as series } from "../../app/api/operations/cities/[code]/indicators/route.ts";
import { createCaller } from "../../server/api/root.ts";
import type { Context } from "../../server/api/trpc.ts";
import { getDb } from "../../server/db/client.ts";
import { logger } from "../../server/lib/logger.ts";
import { createUser } from "../support/fixtures.ts";
import { bearer, createCity, ingestRequest, noParams, run, wire } from "../support/cities.ts";

// Ingest through the REST route: idempotent upserts, exact rollups, all-or-nothing validation, scopes.

const LAST = new Date("2026-03-02T02:55:00Z");

async function rowsOf(cityId: string) {
  return getDb().cityIndicator.findMany({
    where: { cityId },
    select: { metric: true, bucketStart: true, value: true },
    orderBy: [{ metric: "asc" }, { bucketStart: "asc" }],
  });
}

/** Rollups must equal the aggregates of the raw rows they cover. */
async function rollupMismatches(cityId: string) {
  return getDb().$queryRaw<unknown[]>`
    WITH raw AS (
      SELECT metric, date_trunc('hour', "bucketStart") AS h, sum(value) s, count(*)::int n, min(value) lo, max(value) hi
        FROM "CityIndicator" WHERE "cityId" = ${cityId}::uuid GROUP BY 1, 2
    ), day AS (
      SELECT metric, date_trunc('day', "bucketStart" + interval '9 hours') - interval '9 hours' AS d,
             sum(value) s, count(*)::int n, min(value) lo, max(value) hi
        FROM "CityIndicator" WHERE "cityId" = ${cityId}::uuid GROUP BY 1, 2
    )
    SELECT 'hourly' AS kind, raw.h AS at FROM raw FULL JOIN "CityIndicatorHourly" r
        ON r."cityId" = ${cityId}::uuid AND r.metric = raw.metric AND r."bucketStart" = raw.h
     WHERE (raw.h IS NULL AND r."cityId" = ${cityId}::uuid) OR r."cityId" IS NULL
        OR abs(r.sum - raw.s) > 1e-9 OR r.count <> raw.n OR r.min <> raw.lo OR r.max <> raw.hi
    UNION ALL
    SELECT 'daily', day.d FROM day FULL JOIN "CityIndicatorDaily" r
        ON r."cityId" = ${cityId}::uuid AND r.metric = day.metric AND r."bucketStart" = day.d
     WHERE (day.d IS NULL AND r."cityId" = ${cityId}::uuid) OR r."cityId" IS NULL
        OR abs(r.sum - day.s) > 1e-9 OR r.count <> day.n OR r.min <> day.lo OR r.max <> day.hi`;
}

describe("POST /api/operations/cities/indicators", () => {
  it("upserts idempotently, out of order, with rollups equal to the raw aggregates", async () => {
    const city = await createCity();
    const token = await bearer(["cities:write"]);
    // Spans an hour and a Tokyo day boundary (15:00Z), sent newest first.
    const batch = [
      ...run(city.code, "orders", new Date("2026-03-02T15:20:00Z"), [7, 8, 9, 10, 11, 12, 13, 14]),
      ...run(city.code, "supply", LAST, [30, 31, 32]),
    ].reverse();
    const first = await ingest(ingestRequest(token, wire(batch)), noParams);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ accepted: 11, cities: [{ code: city.code, points: 11 }] });
    const afterFirst = await rowsOf(city.id);

    const again = await ingest(ingestRequest(token, wire(batch)), noParams);
    expect(again.status).toBe(200);
    expect(await rowsOf(city.id)).toEqual(afterFirst);
    expect(afterFirst).toHaveLength(11);
    expect(await rollupMismatches(city.id)).toEqual([]);

    // A corrected value replaces the stored one, and its hour and day follow.
    const fix = run(city.code, "orders", new Date("2026-03-02T14:50:00Z"), [100]);
    expect((await ingest(ingestRequest(token, wire(fix)), noParams)).status).toBe(200);
    expect(await rollupMismatches(city.id)).toEqual([]);
    const hourly = await getDb().cityIndicatorHourly.findUniqueOrThrow({
      where: {
        cityId_metric_bucketStart: {
          cityId: city.id,
          metric: "orders",
          bucketStart: new Date("2026-03-02T14:00:00Z"),
        },
      },
    });
    expect(hourly).toMatchObject({ count: 3, max: 100 });

    const events = await getDb().domainEvent.findMany({
      where: { aggregateId: city.id, type: "IndicatorUpdated" },
      orderBy: { seq: "asc" },
    });
    expect(events).toHaveLength(3);
    expect(events[0]?.payload).toMatchObject({
      city: city.code,
      metrics: ["orders", "supply"],
      points: 11,
      from: "2026-03-02T02:45:00.000Z",
      to: "2026-03-02T15:20:00.000Z",
    });
  });

  it("records one IndicatorUpdated per city, each with its audit entry, and pushes them live on commit", async () => {
    const [a, b] = [await createCity("Alpha"), await createCity("Beta")];
    const token = await bearer(["cities:write"]);
    const viewer = await createUser(["city_manager"]);
    const controller = new AbortController();
    const caller = createCaller(
      { db: getDb(), user: viewer, correlationId: "live", log: logger } satisfies Context,
      {
        signal: controller.signal,
      },
    );
    const stream = await caller.live.events({ aggregateTypes: ["city"] });
    const pushed: string[] = [];
    const reading = (async () => {
      for await (const event of stream) {
        if (event.type === "IndicatorUpdated" && [a.id, b.id].includes(event.aggregateId))
          pushed.push(event.aggregateId);
        if (pushed.length === 2) break;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));

    const batch = [...run(a.code, "demand", LAST, [1, 2]), ...run(b.code, "demand", LAST, [3])];
    const response = await ingest(ingestRequest(token, wire(batch)), noParams);
    expect(response.status).toBe(200);
    await reading;
    controller.abort();
    expect(pushed.sort()).toEqual([a.id, b.id].sort());

    const events = await getDb().domainEvent.findMany({
      where: { aggregateId: { in: [a.id, b.id] }, type: "IndicatorUpdated" },
    });
    expect(events).toHaveLength(2);
    const audit = await getDb().auditLog.findMany({ where: { eventId: { in: events.map((e) => e.id) } } });
    expect(audit.map((entry) => [entry.action, entry.entityType, entry.actorType])).toEqual([
      ["IndicatorUpdated", "city", "api_client"],
      ["IndicatorUpdated", "city", "api_client"],
    ]);
    expect(
      events.every((e) => e.correlationId === audit[0]?.correlationId && e.actorType === "api_client"),
    ).toBe(true);
  });

  it("refuses an unknown city or metric with a 400 naming it, and writes nothing of the batch", async () => {
    const city = await createCity();
    const token = await bearer(["cities:write"]);
    const good = run(city.code, "orders", LAST, [1, 2, 3]);
    const eventsBefore = await getDb().domainEvent.count();

    const unknownCity = await ingest(
      ingestRequest(token, wire([...good, { ...good[0], city: "QQQ" } as never])),
      noParams,
    );
    expect(unknownCity.status).toBe(400);
    expect((await unknownCity.json()) as unknown).toMatchObject({
      error: { code: "BAD_REQUEST", message: 'points.3.city: unknown city "QQQ"' },
    });

    const body = wire(good);
    const unknownMetric = await ingest(
      ingestRequest(token, { points: [...body.points, { ...body.points[0], metric: "revenue" }] }),
      noParams,
    );
    expect(unknownMetric.status).toBe(400);
    const error = (await unknownMetric.json()) as { error: { message: string } };
    expect(error.error.message).toMatch(/^points\.3\.metric: metric must be one of .*\(got "revenue"\)/);

    expect(await rowsOf(city.id)).toEqual([]);
    expect(await getDb().domainEvent.count()).toBe(eventsBefore);
  });

  it("enforces scopes: writing needs cities:write, reading cities:read", async () => {
    const city = await createCity();
    const reader = await bearer(["cities:read"]);
    const writer = await bearer(["cities:write"]);
    const points = wire(run(city.code, "orders", LAST, [1]));
    expect((await ingest(ingestRequest(reader, points), noParams)).status).toBe(403);
    expect((await ingest(ingestRequest("Bearer nope", points), noParams)).status).toBe(401);
    const asWriter = new Request("http://localhost/api/operations/cities", {
      headers: { authorization: writer },
    });
    expect((await listCities(asWriter, noParams)).status).toBe(403);
    expect(await rowsOf(city.id)).toEqual([]);
  });
});

describe("GET /api/operations/cities and /cities/{code}/indicators", () => {
  it("lists each city's latest indicators with balance, and serves downsampled series", async () => {
    const city = await createCity();
    const writer = await bearer(["cities:write"]);
    const reader = await bearer(["cities:read"]);
    const batch = [
      ...run(city.code, "demand", LAST, [40, 60]),
      ...run(city.code, "supply", LAST, [20, 30]),
      ...run(city.code, "orders", LAST, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]),
    ];
    expect((await ingest(ingestRequest(writer, wire(batch)), noParams)).status).toBe(200);

    const list = await listCities(
      new Request("http://localhost/api/operations/cities", { headers: { authorization: reader } }),
      noParams,
    );
    const { cities } = (await list.json()) as { cities: { code: string }[] };
    expect(cities.find((c) => c.code === city.code)).toMatchObject({
      indicators: { demand: { value: 60, bucketStart: LAST.toISOString() }, orders: { value: 120 } },
      balance: { value: 2, status: "shortage" },
      alertState: "ok",
      openAlerts: [],
    });

    const url = `http://localhost/api/operations/cities/${city.code.toLowerCase()}/indicators?metric=orders&from=2026-03-02T02:00:00Z&to=2026-03-02T03:00:00Z&step=1800`;
    const response = await series(new Request(url, { headers: { authorization: reader } }), {
      params: Promise.resolve({ code: city.code.toLowerCase() }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      city: city.code,
      source: "raw",
      aggregation: "sum",
      points: [
        { bucketStart: "2026-03-02T02:00:00.000Z", value: 10 + 20 + 30 + 40 + 50 + 60 },
        { bucketStart: "2026-03-02T02:30:00.000Z", value: 70 + 80 + 90 + 100 + 110 + 120 },
      ],
    });
    const hourly = await series(
      new Request(url.replace("step=1800", "step=3600"), { headers: { authorization: reader } }),
      {
        params: Promise.resolve({ code: city.code }),
      },
    );
    expect(await hourly.json()).toMatchObject({ source: "hourly", points: [{ value: 780 }] });

    const bad = await series(
      new Request(url.replace("step=1800", "step=7"), { headers: { authorization: reader } }),
      {
        params: Promise.resolve({ code: city.code }),
      },
    );
    expect(bad.status).toBe(400);
  });
});
