import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./statistics.ts";

describe("statistics", () => {
  it("interpolates percentiles as percentile_cont does", () => {
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentile([10, 20, 30, 40], 0.9)).toBeCloseTo(37);
    expect(percentile([], 0.5)).toBeNull();
  });

  it("counts decided items, keeps a running breach in the denominator and excludes the undecided", () => {
    const stat = summarize(
      [
        { value: 10, met: true },
        { value: 20, met: true },
        { value: 60, met: false }, // p90 over 10, 20, 60: rank 1.8 → 20 + 0.8 × 40 = 52
        { value: null, met: false }, // breached, clock still running
        { value: null, met: null }, // still running within target
      ],
      true,
    );
    expect(stat).toEqual({
      count: 4,
      met: 2,
      pctMet: 50,
      excluded: 1,
      p50: 20,
      p90: 52,
      mean: 30,
      total: 90,
    });
  });

  it("has no % met for a metric without a target", () => {
    expect(summarize([{ value: 5, met: null }], false)).toMatchObject({ count: 1, met: null, pctMet: null });
  });
});
