import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  businessMinutesBetween,
  endOfNextBusinessDay,
  isBusinessDay,
  isWithinBusinessHours,
  nextBusinessStart,
} from "../lib/business-calendar.ts";
import { TOKYO, jst } from "./test-calendars";
import type { BusinessCalendar } from "./types";

describe("business calendar in Asia/Tokyo (2026)", () => {
  it("treats day start as inside and day end as outside business hours", () => {
    expect(isWithinBusinessHours(jst("2026-03-09T09:00"), TOKYO)).toBe(true);
    expect(isWithinBusinessHours(jst("2026-03-09T17:59"), TOKYO)).toBe(true);
    expect(isWithinBusinessHours(jst("2026-03-09T18:00"), TOKYO)).toBe(false);
    expect(isWithinBusinessHours(jst("2026-03-09T08:59"), TOKYO)).toBe(false);
  });

  it("excludes weekends and holidays", () => {
    expect(isWithinBusinessHours(jst("2026-03-07T10:00"), TOKYO)).toBe(false);
    expect(isWithinBusinessHours(jst("2026-05-05T10:00"), TOKYO)).toBe(false);
    expect(isBusinessDay(jst("2026-05-06T10:00"), TOKYO)).toBe(false);
    expect(isBusinessDay(jst("2026-05-07T00:30"), TOKYO)).toBe(true);
  });

  it("uses the local date, not the UTC date", () => {
    // 08:30 JST Monday is still Sunday in UTC.
    expect(isBusinessDay(new Date("2026-03-08T23:30:00Z"), TOKYO)).toBe(true);
    expect(isWithinBusinessHours(new Date("2026-03-09T00:00:00Z"), TOKYO)).toBe(true);
  });

  it("finds the next business start", () => {
    expect(nextBusinessStart(jst("2026-03-09T10:15"), TOKYO)).toEqual(jst("2026-03-09T10:15"));
    expect(nextBusinessStart(jst("2026-03-09T07:00"), TOKYO)).toEqual(jst("2026-03-09T09:00"));
    expect(nextBusinessStart(jst("2026-03-06T18:00"), TOKYO)).toEqual(jst("2026-03-09T09:00"));
    expect(nextBusinessStart(jst("2026-05-01T19:00"), TOKYO)).toEqual(jst("2026-05-07T09:00"));
  });

  it("carries a P3 first response from Friday 17:00 to Monday 12:00", () => {
    expect(addBusinessMinutes(jst("2026-03-06T17:00"), 240, TOKYO)).toEqual(jst("2026-03-09T12:00"));
    expect(businessMinutesBetween(jst("2026-03-06T17:00"), jst("2026-03-09T12:00"), TOKYO)).toBe(240);
  });

  it("skips Golden Week (2026-05-03..06)", () => {
    expect(addBusinessMinutes(jst("2026-05-01T17:00"), 240, TOKYO)).toEqual(jst("2026-05-07T12:00"));
    expect(businessMinutesBetween(jst("2026-05-01T00:00"), jst("2026-05-08T00:00"), TOKYO)).toBe(2 * 540);
  });

  it("skips a Monday holiday (成人の日 2026-01-12)", () => {
    expect(addBusinessMinutes(jst("2026-01-09T17:00"), 240, TOKYO)).toEqual(jst("2026-01-13T12:00"));
  });

  it("starts counting at day start when created outside business hours", () => {
    expect(addBusinessMinutes(jst("2026-03-07T11:00"), 30, TOKYO)).toEqual(jst("2026-03-09T09:30"));
    expect(addBusinessMinutes(jst("2026-03-09T06:00"), 60, TOKYO)).toEqual(jst("2026-03-09T10:00"));
  });

  it("lands on day end rather than the next morning when a day is used up exactly", () => {
    expect(addBusinessMinutes(jst("2026-03-09T09:00"), 540, TOKYO)).toEqual(jst("2026-03-09T18:00"));
    expect(addBusinessMinutes(jst("2026-03-09T09:00"), 541, TOKYO)).toEqual(jst("2026-03-10T09:01"));
  });

  it("adds 27 business hours (P4 resolution) across three days", () => {
    expect(addBusinessMinutes(jst("2026-03-09T10:00"), 27 * 60, TOKYO)).toEqual(jst("2026-03-12T10:00"));
  });

  it("returns the start when adding zero", () => {
    expect(addBusinessMinutes(jst("2026-03-07T11:00"), 0, TOKYO)).toEqual(jst("2026-03-07T11:00"));
  });

  it("rejects negative or non-finite minutes", () => {
    expect(() => addBusinessMinutes(jst("2026-03-09T10:00"), -1, TOKYO)).toThrow(RangeError);
    expect(() => addBusinessMinutes(jst("2026-03-09T10:00"), Number.NaN, TOKYO)).toThrow(RangeError);
  });

  it("counts business minutes, negative when reversed, fractional with seconds", () => {
    expect(businessMinutesBetween(jst("2026-03-09T08:00"), jst("2026-03-09T20:00"), TOKYO)).toBe(540);
    expect(businessMinutesBetween(jst("2026-03-09T20:00"), jst("2026-03-09T08:00"), TOKYO)).toBe(-540);
    expect(businessMinutesBetween(jst("2026-03-07T08:00"), jst("2026-03-08T20:00"), TOKYO)).toBe(0);
    expect(
      Object.is(businessMinutesBetween(jst("2026-03-08T20:00"), jst("2026-03-07T08:00"), TOKYO), 0),
    ).toBe(true);
    const halfMinute = new Date(jst("2026-03-09T10:00").getTime() + 30_000);
    expect(businessMinutesBetween(jst("2026-03-09T10:00"), halfMinute, TOKYO)).toBe(0.5);
  });

  it("finds the end of the next business day", () => {
    expect(endOfNextBusinessDay(jst("2026-03-09T10:00"), TOKYO)).toEqual(jst("2026-03-10T18:00"));
    expect(endOfNextBusinessDay(jst("2026-03-09T07:00"), TOKYO)).toEqual(jst("2026-03-10T18:00"));
    expect(endOfNextBusinessDay(jst("2026-03-06T20:00"), TOKYO)).toEqual(jst("2026-03-09T18:00"));
    expect(endOfNextBusinessDay(jst("2026-03-07T12:00"), TOKYO)).toEqual(jst("2026-03-09T18:00"));
    expect(endOfNextBusinessDay(jst("2026-05-01T10:00"), TOKYO)).toEqual(jst("2026-05-07T18:00"));
  });
});

describe("business calendar validation and other zones", () => {
  it("throws for a zone the runtime does not know", () => {
    const mars: BusinessCalendar = { ...TOKYO, timezone: "Mars/Olympus_Mons" };
    expect(() => isWithinBusinessHours(new Date(), mars)).toThrow(/Unsupported time zone/);
  });

  it("throws for malformed calendars", () => {
    const at = jst("2026-03-09T10:00");
    expect(() => isBusinessDay(at, { ...TOKYO, dayStartMin: 1080, dayEndMin: 540 })).toThrow(RangeError);
    expect(() => isBusinessDay(at, { ...TOKYO, dayEndMin: 1500 })).toThrow(RangeError);
    expect(() => isBusinessDay(at, { ...TOKYO, workDays: [] })).toThrow(RangeError);
    expect(() => isBusinessDay(at, { ...TOKYO, workDays: [0] })).toThrow(RangeError);
    expect(() => isBusinessDay(at, { ...TOKYO, holidays: ["2026/05/05"] })).toThrow(RangeError);
  });

  it("keeps local business hours across a DST change (America/New_York, 2026-03-08)", () => {
    const ny: BusinessCalendar = { ...TOKYO, timezone: "America/New_York", holidays: [] };
    // Friday 17:00 EST + 2 h → Monday 10:00 EDT.
    const due = addBusinessMinutes(new Date("2026-03-06T22:00:00Z"), 120, ny);
    expect(due).toEqual(new Date("2026-03-09T14:00:00Z"));
    expect(nextBusinessStart(new Date("2026-03-07T12:00:00Z"), ny)).toEqual(new Date("2026-03-09T13:00:00Z"));
  });

  it("counts the short DST day as 23 hours on an all-day calendar", () => {
    const allDay: BusinessCalendar = {
      timezone: "America/New_York",
      dayStartMin: 0,
      dayEndMin: 1440,
      workDays: [1, 2, 3, 4, 5, 6, 7],
      holidays: [],
    };
    const sundayMidnight = new Date("2026-03-08T05:00:00Z");
    const mondayMidnight = new Date("2026-03-09T04:00:00Z");
    expect(businessMinutesBetween(sundayMidnight, mondayMidnight, allDay)).toBe(23 * 60);
    expect(addBusinessMinutes(sundayMidnight, 23 * 60, allDay)).toEqual(mondayMidnight);
  });
});
