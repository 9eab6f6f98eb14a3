import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SeriesPoint } from "./condition.ts";
import { MAX_PREVIEW_STEPS, previewDataFrom, previewRule } from "./preview.ts";
import { T0, at, buckets, changeRule, noDataRule, thresholdRule } from "./test-fixtures.ts";

const DAY = 24 * 60;

/** `days` of 5-minute buckets from T0 at `base`, with `value` during each [start, end) minute range. */
function series(days: number, base: number, incidents: Array<{ start: number; end: number; value: number }>) {
  const values = Array.from({ length: (days * DAY) / 5 }, (_, i) => {
    const minute = i * 5;
    return incidents.find((incident) => minute >= incident.start && minute < incident.end)?.value ?? base;
  });
  return { points: buckets(values, T0) };
}

describe("previewRule", () => {
  const rule = thresholdRule({ threshold: 45, forSeconds: 600 });

  it("counts the incidents that would have fired and when they would have resolved", () => {
    const data = series(2, 30, [
      { start: 600, end: 660, value: 50 },
      { start: 1000, end: 1005, value: 60 }, // one bucket: shorter than `for`
      { start: 2000, end: 2090, value: 48 },
    ]);
    const preview = previewRule(rule, data, T0, at(2 * DAY));
    expect(preview.firedCount).toBe(2);
    // The first bad bucket is readable once it closes (+5), pending lasts 10 min (+15); the first good bucket
    // after the incident closes 5 minutes after the incident ends.
    expect(preview.periods).toEqual([
      { from: at(615), to: at(665), ongoing: false },
      { from: at(2015), to: at(2095), ongoing: false },
    ]);
  });

  it("marks an alert still firing at the end of the range as ongoing", () => {
    const data = series(1, 30, [{ start: 600, end: 900, value: 50 }]);
    expect(previewRule(rule, data, T0, at(700)).periods).toEqual([
      { from: at(615), to: at(700), ongoing: true },
    ]);
  });

  it("never looks past its clock", () => {
    const data = series(1, 30, [{ start: 600, end: 900, value: 50 }]);
    // At 610 the 600 bucket has closed but 605 is still filling: one breach, not enough for the 10-minute `for`.
    expect(previewRule(rule, data, T0, at(614)).firedCount).toBe(0);
    expect(previewRule(rule, data, T0, at(615)).firedCount).toBe(1);
  });

  it("holds one firing period through flapping with keep_firing_for", () => {
    const flapping = Array.from({ length: 24 }, (_, i) => ({
      start: 600 + i * 10,
      end: 605 + i * 10,
      value: 50,
    }));
    const data = series(1, 30, flapping);
    const plain = previewRule(thresholdRule({ threshold: 45 }), data, T0, at(DAY));
    expect(plain.firedCount).toBe(24);
    const kept = previewRule(thresholdRule({ threshold: 45, keepFiringForSeconds: 900 }), data, T0, at(DAY));
    // The last bad bucket (830) closes at 835; keep_firing_for holds the alert 15 more minutes.
    expect(kept.periods).toEqual([{ from: at(605), to: at(850), ongoing: false }]);
  });

  it("replays no-data rules from when buckets arrived", () => {
    const data = series(1, 30, []);
    const gap = data.points.filter((p) => p.bucketStart < at(300) || p.bucketStart >= at(330));
    const preview = previewRule(noDataRule({ noDataMinutes: 15 }), { points: gap }, at(60), at(DAY));
    // The 295 bucket closed at 300; silent for 15 minutes at 315; the 330 bucket closed at 335.
    expect(preview.periods).toEqual([{ from: at(315), to: at(335), ongoing: false }]);
  });

  it("compares change rules with data from before the range", () => {
    const weekly = changeRule({
      metric: "supply",
      changePercent: 40,
      comparisonWindow: "same_hour_last_week",
    });
    const from = at(7 * DAY);
    expect(previewDataFrom(weekly, from)).toEqual(at(-7 * DAY - 65, from));
    const lastWeek = buckets(Array(24).fill(100), T0);
    const thisWeek = buckets([...Array(12).fill(100), ...Array(12).fill(50)], from);
    const preview = previewRule(weekly, { points: [...lastWeek, ...thisWeek] }, from, at(120, from));
    // The 50s close from +65 on; the sliding hour's average reaches −40 % once ten of its twelve buckets read 50
    // (average 58.3, −41.7 %), at +110.
    expect(preview.periods).toEqual([{ from: at(110, from), to: at(120, from), ongoing: true }]);
  });

  it("steps by stepMinutes", () => {
    const data = series(1, 30, [{ start: 600, end: 660, value: 50 }]);
    // Seen at 615 (pending), still breaching at 630 (firing); the first good bucket (660) is read at 675.
    expect(previewRule(rule, data, T0, at(DAY), 15).periods).toEqual([
      { from: at(630), to: at(675), ongoing: false },
    ]);
  });

  it("refuses a reversed range, a bad step or too many evaluations", () => {
    expect(() => previewRule(rule, { points: [] }, at(10), at(0))).toThrow(RangeError);
    expect(() => previewRule(rule, { points: [] }, at(0), at(10), 0)).toThrow(/stepMinutes/);
    expect(() => previewRule(rule, { points: [] }, at(0), at(10), 2.5)).toThrow(/stepMinutes/);
    expect(() => previewRule(rule, { points: [] }, at(0), at(MAX_PREVIEW_STEPS * 5))).toThrow(/more than/);
    expect(previewRule(rule, { points: [] }, at(0), at(0))).toEqual({ firedCount: 0, periods: [] });
  });

  it("never starts a period before `for` minutes of breaching buckets (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 0, max: 4 }),
        (bad, forBuckets) => {
          const points: SeriesPoint[] = buckets(
            bad.map((isBad) => (isBad ? 50 : 30)),
            T0,
          );
          const preview = previewRule(
            thresholdRule({ forSeconds: forBuckets * 300 }),
            { points },
            T0,
            at(bad.length * 5),
          );
          for (const period of preview.periods) {
            // At `from`, the buckets that closed in the last forBuckets+1 evaluations all breached.
            const lastClosed = (period.from.getTime() - T0.getTime()) / 300_000 - 1;
            for (let i = lastClosed - forBuckets; i <= lastClosed; i += 1) expect(bad[i]).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
