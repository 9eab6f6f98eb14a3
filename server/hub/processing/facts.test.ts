import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { busiestDayAround } from "./facts.ts";

const DAY_MS = 24 * 3_600_000;

describe("busiestDayAround", () => {
  const h = (hours: number) => Date.UTC(2026, 2, 2) + hours * 3_600_000;
  it.each([
    [[0], 0, 1],
    [[0, 1, 2], 0, 3],
    // The earliest of three sees the two after it, whichever was processed last.
    [[0, 23, 23.5], 0, 3],
    [[0, 12, 25], 12, 2],
    [[0, 12, 25, 30], 25, 3],
    [[0, 30, 60], 30, 1],
  ])("times %j around %i h → %i", (hours, around, expected) => {
    expect(busiestDayAround(hours.map(h), h(around))).toBe(expected);
  });

  it("counts as looking at every window that starts at one of the times and holds the moment", () => {
    const byScan = (times: number[], at: number) =>
      Math.max(
        0,
        ...times
          .filter((from) => from <= at && from + DAY_MS >= at)
          .map((from) => times.filter((t) => t >= from && t <= from + DAY_MS).length),
      );
    const hour = fc.integer({ min: 0, max: 96 }).map((n) => n * 1_800_000);
    fc.assert(
      fc.property(fc.array(hour, { maxLength: 30 }), hour, (times, at) => {
        expect(busiestDayAround(times, at)).toBe(byScan(times, at));
      }),
    );
  });
});
