import { describe, expect, it } from "vitest";
import { BUCKET_MS } from "../indicators/metrics.ts";
import { evaluateCondition, WEEK_MS } from "./condition.ts";
import { affectsEvaluation, evaluationWindows, groupSeries } from "./series-windows.ts";
import { CITY_ID, T0, buckets, changeRule, noDataRule, thresholdRule } from "./test-fixtures.ts";

// Eight days of buckets ending at T0, with a wavy shape so every window has a different average.
const start = new Date(T0.getTime() - WEEK_MS - 24 * 3_600_000);
const history = buckets(
  Array.from({ length: (T0.getTime() - start.getTime()) / BUCKET_MS }, (_, i) => 50 + 30 * Math.sin(i / 7)),
  start,
);

function windowed(rules: Parameters<typeof evaluationWindows>[0], now: Date) {
  const w = evaluationWindows(rules, now);
  return history.filter((p) => {
    const t = p.bucketStart.getTime();
    const recent = t >= w.recentFrom.getTime() && t <= now.getTime();
    const weekly = w.weekly !== null && t >= w.weekly.from.getTime() && t < w.weekly.to.getTime();
    return recent || weekly;
  });
}

describe("evaluationWindows", () => {
  const rules = [
    thresholdRule(),
    changeRule({ comparisonWindow: "previous_hour" }),
    changeRule({ comparisonWindow: "same_hour_last_week", metric: "supply" }),
  ];

  it("loads only what the conditions read: the same result as the whole history", () => {
    for (const minutes of [0, 2, 5, 37, 60]) {
      const now = new Date(T0.getTime() - minutes * 60_000);
      const points = windowed(rules, now);
      expect(points.length).toBeLessThan(60);
      for (const rule of rules) {
        const full = evaluateCondition(rule, { points: history, lastUpdatedAt: now }, now);
        const partial = evaluateCondition(rule, { points, lastUpdatedAt: now }, now);
        expect(partial).toEqual(full);
      }
    }
  });

  it("asks for the week-ago hour only for metrics with a weekly rule", () => {
    expect(evaluationWindows([thresholdRule()], T0).weekly).toBeNull();
    expect(evaluationWindows(rules, T0).weekly?.metrics).toEqual(["supply"]);
    expect(evaluationWindows([noDataRule()], T0).recentFrom).toEqual(new Date(T0.getTime() - BUCKET_MS));
  });
});

describe("groupSeries", () => {
  it("splits rows by city and metric, with empty series for keys without rows", () => {
    const at = new Date(T0.getTime() - BUCKET_MS);
    const lookup = groupSeries(
      [
        { cityId: CITY_ID, metric: "orders", bucketStart: at, value: 3 },
        { cityId: "other", metric: "orders", bucketStart: at, value: 4 },
      ],
      [{ cityId: CITY_ID, metric: "orders", lastUpdatedAt: T0 }],
    );
    expect(lookup(CITY_ID, "orders")).toMatchObject({ points: [{ value: 3 }], lastUpdatedAt: T0 });
    expect(lookup("other", "orders").lastUpdatedAt).toBeNull();
    expect(lookup(CITY_ID, "supply")).toEqual({ points: [], lastUpdatedAt: null });
  });
});

describe("affectsEvaluation", () => {
  const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);
  it("is true exactly for buckets some rule's window reads", () => {
    expect(affectsEvaluation(minutes(-5), T0)).toBe(true);
    expect(affectsEvaluation(minutes(-125), T0)).toBe(true);
    expect(affectsEvaluation(minutes(-130), T0)).toBe(false);
    expect(affectsEvaluation(minutes(5), T0)).toBe(false);
    expect(affectsEvaluation(new Date(T0.getTime() - WEEK_MS - 30 * 60_000), T0)).toBe(true);
    expect(affectsEvaluation(new Date(T0.getTime() - WEEK_MS - 70 * 60_000), T0)).toBe(false);
    expect(affectsEvaluation(new Date(T0.getTime() - 3 * 86_400_000), T0)).toBe(false);
  });

  it("agrees with the windows evaluationWindows loads for every kind of rule", () => {
    const rules = [
      thresholdRule(),
      changeRule({ comparisonWindow: "previous_hour" }),
      changeRule({ comparisonWindow: "same_hour_last_week" }),
    ];
    const w = evaluationWindows(rules, T0);
    for (const point of history) {
      const t = point.bucketStart.getTime();
      const loaded =
        (t >= w.recentFrom.getTime() && t <= T0.getTime()) ||
        (w.weekly !== null && t >= w.weekly.from.getTime() && t < w.weekly.to.getTime());
      if (loaded) expect(affectsEvaluation(point.bucketStart, T0)).toBe(true);
    }
  });
});
