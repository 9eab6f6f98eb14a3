import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isBusinessDay,
  isWithinBusinessHours,
  nextBusinessStart,
} from "../lib/business-calendar.ts";
import { TOKYO } from "./test-calendars";
import { formatDate, toLocal } from "../lib/timezone.ts";
import type { BusinessCalendar } from "./types";

const instant = fc
  .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) })
  .map((ms) => new Date(ms));

const holidayDate = fc
  .integer({ min: 0, max: 3 * 366 })
  .map((d) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10));

const calendar: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    timezone: fc.constantFrom("Asia/Tokyo", "Asia/Kolkata", "America/New_York", "Europe/London", "UTC"),
    dayStartMin: fc.integer({ min: 0, max: 1380 }),
    length: fc.integer({ min: 60, max: 1440 }),
    workDays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    holidays: fc.array(holidayDate, { maxLength: 40 }),
  })
  .map(({ length, ...rest }) => ({ ...rest, dayEndMin: Math.min(1440, rest.dayStartMin + length) }));

const anyCalendar = fc.oneof(fc.constant(TOKYO), calendar);
const minutes = fc.integer({ min: 0, max: 6000 });

/** The deadline is inside business hours or exactly at the day end that used up its last minute. */
function landsInsideOrAtDayEnd(due: Date, cal: BusinessCalendar): boolean {
  return isWithinBusinessHours(due, cal) || isWithinBusinessHours(new Date(due.getTime() - 1), cal);
}

describe("business calendar properties", () => {
  it("adding business minutes and counting them back gives the same number", () => {
    fc.assert(
      fc.property(anyCalendar, instant, minutes, (cal, start, m) => {
        const due = addBusinessMinutes(start, m, cal);
        expect(businessMinutesBetween(start, due, cal)).toBe(m);
        // Earliest such instant: a millisecond sooner the minutes are not there yet.
        if (m > 0) expect(businessMinutesBetween(start, new Date(due.getTime() - 1), cal)).toBeLessThan(m);
      }),
    );
  });

  it("a business deadline never falls outside business hours", () => {
    fc.assert(
      fc.property(anyCalendar, instant, fc.integer({ min: 1, max: 6000 }), (cal, start, m) => {
        const due = addBusinessMinutes(start, m, cal);
        expect(landsInsideOrAtDayEnd(due, cal)).toBe(true);
      }),
    );
  });

  it("a Tokyo deadline is inside 09:00–18:00 on a working day that is not a holiday", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 6000 }), (start, m) => {
        const local = toLocal(addBusinessMinutes(start, m, TOKYO), "Asia/Tokyo");
        expect(local.minuteOfDay).toBeGreaterThan(540);
        expect(local.minuteOfDay).toBeLessThanOrEqual(1080);
        expect(local.isoWeekday).toBeLessThanOrEqual(5);
        expect(TOKYO.holidays).not.toContain(formatDate(local.date));
      }),
    );
  });

  it("adding minutes is monotonic in both the start and the amount", () => {
    fc.assert(
      fc.property(anyCalendar, instant, instant, minutes, minutes, (cal, s1, s2, m1, m2) => {
        const [early, late] = s1 <= s2 ? [s1, s2] : [s2, s1];
        const [few, many] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(addBusinessMinutes(early, few, cal).getTime()).toBeLessThanOrEqual(
          addBusinessMinutes(late, few, cal).getTime(),
        );
        expect(addBusinessMinutes(early, few, cal).getTime()).toBeLessThanOrEqual(
          addBusinessMinutes(early, many, cal).getTime(),
        );
      }),
    );
  });

  it("adding in two steps equals adding at once", () => {
    fc.assert(
      fc.property(anyCalendar, instant, minutes, minutes, (cal, start, m1, m2) => {
        const stepwise = addBusinessMinutes(addBusinessMinutes(start, m1, cal), m2, cal);
        const atOnce = addBusinessMinutes(start, m1 + m2, cal);
        if (m2 > 0) expect(stepwise).toEqual(atOnce);
        else expect(stepwise.getTime()).toBeLessThanOrEqual(atOnce.getTime());
      }),
    );
  });

  it("never counts more business minutes than wall-clock minutes", () => {
    fc.assert(
      fc.property(anyCalendar, instant, instant, (cal, a, b) => {
        const business = businessMinutesBetween(a, b, cal);
        expect(Math.abs(business)).toBeLessThanOrEqual(Math.abs(b.getTime() - a.getTime()) / 60_000);
        expect(businessMinutesBetween(b, a, cal) + business).toBe(0);
      }),
    );
  });

  it("skips holidays: declaring a day a holiday never brings a deadline earlier", () => {
    fc.assert(
      fc.property(instant, minutes, holidayDate, (start, m, extra) => {
        const withExtra = { ...TOKYO, holidays: [...TOKYO.holidays, extra] };
        const due = addBusinessMinutes(start, m, withExtra);
        expect(due.getTime()).toBeGreaterThanOrEqual(addBusinessMinutes(start, m, TOKYO).getTime());
        expect(formatDate(toLocal(due, "Asia/Tokyo").date) !== extra || m === 0).toBe(true);
      }),
    );
  });

  it("nextBusinessStart is the first business instant at or after t", () => {
    fc.assert(
      fc.property(anyCalendar, instant, (cal, t) => {
        const next = nextBusinessStart(t, cal);
        expect(next.getTime()).toBeGreaterThanOrEqual(t.getTime());
        expect(isWithinBusinessHours(next, cal)).toBe(true);
        expect(isBusinessDay(next, cal)).toBe(true);
        expect(businessMinutesBetween(t, next, cal)).toBe(0);
      }),
    );
  });
});
