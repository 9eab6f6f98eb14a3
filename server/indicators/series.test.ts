import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUCKET_MS, downsample } from "./metrics.ts";
import { checkStep, downsampleRollups, seriesSource, type RollupPoint } from "./series.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function rollup(points: { bucketStart: Date; value: number }[], bucketMs: number, phase = 0): RollupPoint[] {
  const groups = new Map<number, number[]>();
  for (const p of points) {
    const key = Math.floor((p.bucketStart.getTime() - phase) / bucketMs) * bucketMs + phase;
    groups.set(key, [...(groups.get(key) ?? []), p.value]);
  }
  return [...groups.entries()].map(([key, values]) => ({
    bucketStart: new Date(key),
    sum: values.reduce((a, b) => a + b, 0),
    count: values.length,
    min: Math.min(...values),
    max: Math.max(...values),
  }));
}

describe("seriesSource", () => {
  it("answers whole days from daily rollups, whole hours from hourly ones, the rest from raw points", () => {
    expect(seriesSource(300)).toBe("raw");
    expect(seriesSource(900)).toBe("raw");
    expect(seriesSource(3600)).toBe("hourly");
    expect(seriesSource(3 * 3600)).toBe("hourly");
    expect(seriesSource(86_400)).toBe("daily");
    expect(seriesSource(7 * 86_400)).toBe("daily");
  });
});

describe("checkStep", () => {
  const from = new Date("2026-03-01T00:00:00Z");
  it("names what is wrong", () => {
    expect(checkStep(300, from, new Date(from.getTime() + DAY_MS))).toBeNull();
    expect(checkStep(301, from, new Date(from.getTime() + DAY_MS))).toMatch(/multiple of 300/);
    expect(checkStep(300, from, from)).toMatch(/to must be after from/);
    expect(checkStep(300, from, new Date(from.getTime() + 400 * DAY_MS))).toMatch(/longer step/);
  });
});

describe("downsampleRollups", () => {
  const points = fc.array(
    fc.record({
      bucket: fc.integer({ min: 0, max: 3 * 288 }),
      value: fc.float({ min: 0, max: 1000, noNaN: true }),
    }),
    { minLength: 1, maxLength: 200 },
  );
  const dedupe = (raw: { bucket: number; value: number }[]) => {
    const map = new Map(raw.map((p) => [p.bucket, p.value]));
    const start = Date.UTC(2026, 2, 1);
    return [...map.entries()].map(([bucket, value]) => ({
      bucketStart: new Date(start + bucket * BUCKET_MS),
      value,
    }));
  };

  it("equals downsampling the raw points, for every aggregation (hourly rollups, epoch-aligned steps)", () => {
    fc.assert(
      fc.property(
        points,
        fc.constantFrom(1, 3, 6),
        fc.constantFrom("sum", "avg", "min", "max" as const),
        (raw, hours, agg) => {
          const series = dedupe(raw);
          const expected = downsample(series, hours * 3600, agg);
          const actual = downsampleRollups(rollup(series, HOUR_MS), hours * 3600, agg);
          expect(actual.map((p) => p.bucketStart)).toEqual(expected.map((p) => p.bucketStart));
          actual.forEach((p, i) => expect(p.value).toBeCloseTo(expected[i]?.value ?? NaN, 6));
        },
      ),
    );
  });

  it("keeps daily rows on local midnight: a Tokyo day is one step starting 15:00Z", () => {
    const tokyoMidnight = Date.UTC(2026, 2, 1, 15);
    const days = [0, 1, 2, 7, 8].map((d) => ({
      bucketStart: new Date(tokyoMidnight + d * DAY_MS),
      sum: 10,
      count: 2,
      min: 1,
      max: 9,
    }));
    expect(downsampleRollups(days, 86_400, "sum").map((p) => p.bucketStart.getTime())).toEqual(
      days.map((d) => d.bucketStart.getTime()),
    );
    const weeks = downsampleRollups(days, 7 * 86_400, "avg");
    expect(weeks.every((p) => new Date(p.bucketStart).getUTCHours() === 15)).toBe(true);
    expect(weeks.map((p) => p.value)).toEqual([5, 5]);
  });
});
