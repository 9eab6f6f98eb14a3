import { describe, expect, it } from "vitest";
import { evaluateAllAlerts } from "../../server/alerts/service.ts";
import { ingestIndicators } from "../../server/cities/ingest.ts";
import type { IngestPoint } from "../../server/cities/contract.ts";
import { getDb } from "../../server/db/client.ts";
import { createRule, eventsOf } from "../support/alerts.ts";
import { createCity, jobAt, run } from "../support/cities.ts";

// Alert evaluation against real PostgreSQL: on ingest, on schedule, overlapping, deduplicated.

const T = new Date("2026-03-02T03:00:00Z");
const minutes = (m: number) => new Date(T.getTime() + m * 60_000);
async function ingestAt(now: Date, points: IngestPoint[]) {
  return ingestIndicators(getDb(), jobAt(now, "alerts-test"), { points });
}

async function alertEvents(cityId: string) {
  const alerts = await getDb().alert.findMany({ where: { cityId }, select: { id: true } });
  const events = await getDb().domainEvent.findMany({
    where: { aggregateId: { in: alerts.map((a) => a.id) } },
    orderBy: { seq: "asc" },
  });
  return events.map((e) => e.type);
}

describe("alert evaluation", () => {
  it("fires once when overlapping scheduled runs meet the same breach", async () => {
    const city = await createCity();
    const rule = await createRule({ cityId: city.id });
    // Written while the bucket is still open: the ingest itself sees nothing to evaluate yet.
    expect(
      (await ingestAt(minutes(-2), run(city.code, "avg_delivery_minutes", minutes(-5), [58]))).alerts,
    ).toEqual({
      triggered: 0,
      resolved: 0,
    });

    const runs = await Promise.all([
      evaluateAllAlerts(getDb(), jobAt(minutes(1), "cron-a")),
      evaluateAllAlerts(getDb(), jobAt(minutes(1), "cron-b")),
      evaluateAllAlerts(getDb(), jobAt(new Date(minutes(1).getTime() + 1000), "cron-c")),
    ]);
    expect(runs.reduce((n, r) => n + r.triggered, 0)).toBe(1);
    const alerts = await getDb().alert.findMany({ where: { cityId: city.id } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ state: "firing", openKey: `${rule.id}:${city.id}`, value: 58 });
    expect(await alertEvents(city.id)).toEqual(["AlertTriggered"]);
  });

  it("keeps one open alert per rule and city while the breach goes on, across ingests and cron", async () => {
    const city = await createCity();
    await createRule({ cityId: city.id, recoveryThreshold: 40 });
    const first = await ingestAt(minutes(0), run(city.code, "avg_delivery_minutes", minutes(-5), [50]));
    expect(first.alerts.triggered).toBe(1);
    await Promise.all([
      ingestAt(minutes(5), run(city.code, "avg_delivery_minutes", minutes(0), [61])),
      evaluateAllAlerts(getDb(), jobAt(minutes(5))),
      ingestAt(minutes(6), run(city.code, "avg_delivery_minutes", minutes(0), [55])),
    ]);
    await evaluateAllAlerts(getDb(), jobAt(minutes(7)));
    const open = await getDb().alert.findMany({ where: { cityId: city.id, openKey: { not: null } } });
    expect(open).toHaveLength(1);
    expect(open[0]?.value).toBe(61);

    // Hysteresis: 42 is below the threshold but not below the recovery level; 38 is.
    await ingestAt(minutes(10), run(city.code, "avg_delivery_minutes", minutes(5), [42]));
    expect(await getDb().alert.count({ where: { cityId: city.id, openKey: { not: null } } })).toBe(1);
    const recovered = await ingestAt(minutes(15), run(city.code, "avg_delivery_minutes", minutes(10), [38]));
    expect(recovered.alerts.resolved).toBe(1);
    expect(await alertEvents(city.id)).toEqual(["AlertTriggered", "AlertResolved"]);
  });

  it("waits out forSeconds on the schedule, and raises no-data alerts when a feed goes silent", async () => {
    const city = await createCity();
    await createRule({ cityId: city.id, forSeconds: 600 });
    await createRule({
      cityId: city.id,
      name: "No orders",
      kind: "no_data",
      metric: "orders",
      noDataMinutes: 15,
      operator: undefined,
      threshold: undefined,
    });
    await ingestAt(minutes(0), [
      ...run(city.code, "avg_delivery_minutes", minutes(-5), [70]),
      ...run(city.code, "orders", minutes(-5), [12]),
    ]);
    expect(await getDb().alert.findMany({ where: { cityId: city.id }, select: { state: true } })).toEqual([
      { state: "pending" },
    ]);
    await ingestAt(minutes(5), run(city.code, "avg_delivery_minutes", minutes(0), [71]));
    const fired = await evaluateAllAlerts(getDb(), jobAt(minutes(10)));
    expect(fired.triggered).toBe(1);
    const silent = await evaluateAllAlerts(getDb(), jobAt(minutes(16)));
    expect(silent.triggered).toBe(1);
    const states = await getDb().alert.findMany({
      where: { cityId: city.id },
      select: { state: true, rule: { select: { kind: true } } },
      orderBy: { pendingSince: "asc" },
    });
    expect(states).toEqual([
      { state: "firing", rule: { kind: "threshold" } },
      { state: "firing", rule: { kind: "no_data" } },
    ]);
  });

  it("resolves open alerts of a rule that was disabled", async () => {
    const city = await createCity();
    const rule = await createRule({ cityId: city.id });
    await ingestAt(minutes(0), run(city.code, "avg_delivery_minutes", minutes(-5), [66]));
    await getDb().alertRule.update({ where: { id: rule.id }, data: { enabled: false } });
    const result = await evaluateAllAlerts(getDb(), jobAt(minutes(1)));
    expect(result.resolved).toBeGreaterThanOrEqual(1);
    expect(await getDb().alert.findFirst({ where: { cityId: city.id } })).toMatchObject({
      state: "resolved",
      openKey: null,
    });
    const [resolved] = await eventsOf(
      (await getDb().alert.findFirstOrThrow({ where: { cityId: city.id } })).id,
      "AlertResolved",
    );
    expect(resolved?.payload).toMatchObject({ reason: "rule_no_longer_applies" });
  });
});
