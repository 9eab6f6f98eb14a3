import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, formatDate, fromLocal, isoWeekday, offsetMinutesAt, toLocal } from "../lib/timezone.ts";

describe("timezone conversion", () => {
  it("reads Tokyo wall-clock time at +09:00", () => {
    const local = toLocal(new Date("2026-03-08T23:30:00Z"), "Asia/Tokyo");
    expect(local.date).toEqual({ year: 2026, month: 3, day: 9 });
    expect(local.minuteOfDay).toBe(8 * 60 + 30);
    expect(local.isoWeekday).toBe(1);
    expect(offsetMinutesAt(new Date("2026-07-01T00:00:00Z"), "Asia/Tokyo")).toBe(540);
  });

  it("converts Tokyo wall-clock time back to the instant", () => {
    expect(fromLocal({ year: 2026, month: 5, day: 7 }, 540, "Asia/Tokyo")).toEqual(
      new Date("2026-05-07T00:00:00Z"),
    );
    expect(fromLocal({ year: 2026, month: 5, day: 7 }, 1440, "Asia/Tokyo")).toEqual(
      new Date("2026-05-07T15:00:00Z"),
    );
  });

  it("handles half-hour offsets", () => {
    expect(offsetMinutesAt(new Date("2026-01-01T00:00:00Z"), "Asia/Kolkata")).toBe(330);
    expect(fromLocal({ year: 2026, month: 1, day: 1 }, 600, "Asia/Kolkata")).toEqual(
      new Date("2026-01-01T04:30:00Z"),
    );
  });

  it("moves a wall time inside a DST gap forward and picks the earlier of an overlap", () => {
    // 2026-03-08 02:30 does not exist in New York; 2026-11-01 01:30 happens twice.
    expect(fromLocal({ year: 2026, month: 3, day: 8 }, 150, "America/New_York")).toEqual(
      new Date("2026-03-08T07:30:00Z"),
    );
    expect(fromLocal({ year: 2026, month: 11, day: 1 }, 90, "America/New_York")).toEqual(
      new Date("2026-11-01T05:30:00Z"),
    );
  });

  it("throws for unknown zones", () => {
    expect(() => toLocal(new Date(), "Not/AZone")).toThrow(RangeError);
  });

  it("round-trips any instant through wall-clock time", () => {
    const zones = ["Asia/Tokyo", "America/New_York", "Europe/London", "Australia/Lord_Howe", "UTC"];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const local = toLocal(new Date(ms), zone);
          const back = fromLocal(local.date, local.minuteOfDay, zone).getTime();
          // Only the repeated hour of a DST overlap may map back to its earlier twin.
          expect(back === ms || (back < ms && ms - back <= 3_600_000)).toBe(true);
          expect(toLocal(new Date(back), zone)).toEqual(local);
        },
      ),
    );
  });

  it("does calendar-date arithmetic", () => {
    expect(addDays({ year: 2026, month: 2, day: 28 }, 1)).toEqual({ year: 2026, month: 3, day: 1 });
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(isoWeekday({ year: 2026, month: 5, day: 3 })).toBe(7);
    expect(formatDate({ year: 2026, month: 5, day: 4 })).toBe("2026-05-04");
  });
});
