import { describe, expect, it } from "vitest";
import {
  evaluateCondition,
  latestPoint,
  percentChange,
  windowAverage,
  worstValue,
  type Series,
} from "./condition.ts";
import { T0, at, buckets, changeRule, noDataRule, thresholdRule } from "./test-fixtures.ts";

const HOUR = 60;
const WEEK = 7 * 24 * HOUR;
const of = (points: Series["points"], lastUpdatedAt: Date | null = null): Series => ({
  points,
  lastUpdatedAt,
});
/** Twelve 5-minute buckets of `value` filling the hour that ends `minutesAgo` before now. */
const hourOf = (value: number, now: Date, minutesAgo = 0) =>
  buckets(Array(12).fill(value), at(-minutesAgo - HOUR, now));

describe("percentChange", () => {
  it("is the change relative to the previous value, in percent", () => {
    expect(percentChange(80, 100)).toBe(-20);
    expect(percentChange(120, 100)).toBe(20);
    expect(percentChange(65, 100)).toBe(-35);
    expect(percentChange(100, 100)).toBe(0);
  });

  it("handles a previous value of zero", () => {
    expect(percentChange(0, 0)).toBe(0);
    expect(percentChange(5, 0)).toBe(Infinity);
  });
});

describe("windows", () => {
  const now = at(0);
  it("averages only buckets that closed inside the window", () => {
    const points = buckets([10, 20, 30], at(-15));
    expect(windowAverage(points, now.getTime(), 3_600_000)).toBe(20);
    // The bucket opened at now - 5 min closes exactly now: included; the one opened at now is still filling.
    expect(windowAverage(buckets([10, 999], at(-5)), now.getTime(), 3_600_000)).toBe(10);
    expect(windowAverage([], now.getTime(), 3_600_000)).toBeNull();
  });

  it("takes the latest closed bucket, until it is 15 minutes stale", () => {
    const points = buckets([1, 2, 3], at(-15));
    expect(latestPoint(points, now.getTime())?.value).toBe(3);
    expect(latestPoint(points, at(14).getTime())?.value).toBe(3);
    expect(latestPoint(points, at(15).getTime())).toBeNull();
  });
});

describe("threshold condition", () => {
  const rule = thresholdRule({ threshold: 45, recoveryThreshold: 40 });
  const value = (v: number) => evaluateCondition(rule, of(buckets([v], at(-5))), T0);

  it("breaches strictly above the threshold", () => {
    expect(value(47)).toMatchObject({ breaching: true, recovered: false, value: 47 });
    expect(value(45)).toMatchObject({ breaching: false, recovered: false, value: 45 });
    expect(value(47).explanation.en).toBe("Average delivery time is 47 min, above the threshold of 45 min.");
    expect(value(47).explanation.ja).toBe("平均配達時間は47分で、しきい値45分を上回っています。");
  });

  it("recovers only strictly below the recovery threshold", () => {
    expect(value(42)).toMatchObject({ breaching: false, recovered: false });
    expect(value(40)).toMatchObject({ breaching: false, recovered: false });
    expect(value(39.9)).toMatchObject({ breaching: false, recovered: true });
    expect(value(42).explanation.en).toMatch(/not yet past the recovery level of 40 min/);
  });

  it("recovers as soon as it stops breaching without a recovery threshold", () => {
    const plain = thresholdRule({ threshold: 45 });
    expect(evaluateCondition(plain, of(buckets([45], at(-5))), T0)).toMatchObject({
      breaching: false,
      recovered: true,
    });
  });

  it("mirrors for below rules", () => {
    const below = thresholdRule({
      metric: "supply",
      operator: "below",
      threshold: 20,
      recoveryThreshold: 30,
    });
    const v = (x: number) => evaluateCondition(below, of(buckets([x], at(-5))), T0);
    expect(v(19)).toMatchObject({ breaching: true, recovered: false });
    expect(v(25)).toMatchObject({ breaching: false, recovered: false });
    expect(v(31)).toMatchObject({ breaching: false, recovered: true });
  });

  it("neither breaches nor recovers without a fresh value", () => {
    const stale = evaluateCondition(rule, of(buckets([99], at(-30))), T0);
    expect(stale).toMatchObject({ breaching: false, recovered: false, value: null });
    expect(stale.explanation.en).toMatch(/no value from the last 15 minutes/);
    // A bucket still filling is not read, however high it is.
    expect(evaluateCondition(rule, of(buckets([99], T0)), T0).value).toBeNull();
  });
});

describe("change condition", () => {
  const now = at(0);

  it("compares the last hour's average with the previous hour's", () => {
    const rule = changeRule({ operator: "drop", changePercent: 20, comparisonWindow: "previous_hour" });
    const points = [...hourOf(100, now, HOUR), ...hourOf(80, now)];
    const result = evaluateCondition(rule, of(points), now);
    expect(result).toMatchObject({ breaching: true, recovered: false, value: -20 });
    expect(result.explanation.en).toBe(
      "Orders averaged 80 orders over the last hour against 100 orders in the previous hour: −20% (drop threshold 20%).",
    );
    const milder = [...hourOf(100, now, HOUR), ...hourOf(81, now)];
    expect(evaluateCondition(rule, of(milder), now)).toMatchObject({
      breaching: false,
      recovered: true,
      value: -19,
    });
  });

  it("averages 1-hour windows, however the buckets vary", () => {
    const rule = changeRule({ operator: "rise", changePercent: 50 });
    const previous = buckets([0, 0, 0, 0, 0, 0, 20, 20, 20, 20, 20, 20], at(-2 * HOUR, now)); // average 10
    const current = buckets([15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15], at(-HOUR, now));
    expect(evaluateCondition(rule, of([...previous, ...current]), now)).toMatchObject({
      breaching: true,
      value: 50,
    });
  });

  it("compares with the same hour last week", () => {
    const rule = changeRule({ metric: "supply", changePercent: 40, comparisonWindow: "same_hour_last_week" });
    const points = [...hourOf(50, now, WEEK), ...hourOf(100, now, HOUR), ...hourOf(30, now)];
    const result = evaluateCondition(rule, of(points), now);
    // The previous hour (100) is ignored: the baseline is 50, so 30 is a 40 % drop.
    expect(result).toMatchObject({ breaching: true, value: -40 });
    expect(result.explanation.ja).toMatch(/先週の同じ時間帯は50人で、−40%です/);
  });

  it("handles a previous window of zero", () => {
    const rise = changeRule({ operator: "rise", changePercent: 50 });
    const drop = changeRule({ operator: "drop", changePercent: 20 });
    const fromNothing = [...hourOf(0, now, HOUR), ...hourOf(3, now)];
    expect(evaluateCondition(rise, of(fromNothing), now)).toMatchObject({ breaching: true, value: Infinity });
    expect(evaluateCondition(drop, of(fromNothing), now)).toMatchObject({
      breaching: false,
      recovered: true,
    });
    const stillNothing = [...hourOf(0, now, HOUR), ...hourOf(0, now)];
    expect(evaluateCondition(rise, of(stillNothing), now)).toMatchObject({ breaching: false, value: 0 });
    expect(evaluateCondition(drop, of(stillNothing), now)).toMatchObject({ breaching: false, value: 0 });
  });

  it("treats a drop to zero as −100 %", () => {
    const drop = changeRule({ operator: "drop", changePercent: 100 });
    const toZero = [...hourOf(40, now, HOUR), ...hourOf(0, now)];
    expect(evaluateCondition(drop, of(toZero), now)).toMatchObject({ breaching: true, value: -100 });
  });

  it("neither breaches nor recovers without both windows", () => {
    const rule = changeRule({ comparisonWindow: "same_hour_last_week" });
    const noBaseline = evaluateCondition(rule, of(hourOf(10, now)), now);
    expect(noBaseline).toMatchObject({ breaching: false, recovered: false, value: null });
    expect(noBaseline.explanation.en).toMatch(/no data for the same hour last week/);
    const noCurrent = evaluateCondition(rule, of(hourOf(10, now, WEEK)), now);
    expect(noCurrent).toMatchObject({ breaching: false, recovered: false, value: null });
  });
});

describe("no_data condition", () => {
  const rule = noDataRule({ noDataMinutes: 15 });
  const since = (minutes: number | null) =>
    evaluateCondition(rule, of([], minutes === null ? null : at(-minutes)), T0);

  it("breaches once no update arrived for N minutes", () => {
    expect(since(14.9)).toMatchObject({ breaching: false, recovered: true, value: 14.9 });
    expect(since(15)).toMatchObject({ breaching: true, recovered: false, value: 15 });
    expect(since(15).explanation.en).toBe("Orders data was last updated 15 min ago (limit 15 min).");
  });

  it("breaches when nothing was ever received, and not for a write stamped in the future", () => {
    expect(since(null)).toMatchObject({ breaching: true, value: null });
    expect(since(-3)).toMatchObject({ breaching: false, recovered: true, value: 0 });
  });
});

describe("worstValue", () => {
  it("keeps the highest for above, rise and no_data, the lowest for below and drop", () => {
    expect(worstValue(thresholdRule(), 46, 50)).toBe(50);
    expect(worstValue(thresholdRule({ metric: "supply", operator: "below", threshold: 20 }), 15, 18)).toBe(
      15,
    );
    expect(worstValue(changeRule({ operator: "drop" }), -25, -40)).toBe(-40);
    expect(worstValue(noDataRule(), 20, null)).toBe(20);
    expect(worstValue(noDataRule(), null, null)).toBeNull();
  });
});
