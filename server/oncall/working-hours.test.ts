import { describe, expect, it } from "vitest";
import { isQuietTime, isWorkingTime, mayPage, type ResponderHours } from "./working-hours.ts";

const tokyo: ResponderHours = {
  timezone: "Asia/Tokyo",
  workDays: [1, 2, 3, 4, 5],
  workStartMin: 9 * 60,
  workEndMin: 18 * 60,
  quietStartMin: 22 * 60,
  quietEndMin: 7 * 60,
};

describe("working hours in the responder's own zone", () => {
  it("counts 09:00–18:00 Tokyo on weekdays (00:00–09:00 UTC)", () => {
    expect(isWorkingTime(tokyo, new Date("2026-03-02T00:00:00Z"))).toBe(true); // Mon 09:00 JST
    expect(isWorkingTime(tokyo, new Date("2026-03-02T08:59:00Z"))).toBe(true);
    expect(isWorkingTime(tokyo, new Date("2026-03-02T09:00:00Z"))).toBe(false); // 18:00 JST
    expect(isWorkingTime(tokyo, new Date("2026-03-01T23:59:00Z"))).toBe(false); // Mon 08:59 JST
    expect(isWorkingTime(tokyo, new Date("2026-03-07T02:00:00Z"))).toBe(false); // Saturday
  });

  it("a UTC responder works 09:00–18:00 UTC", () => {
    const utc = { ...tokyo, timezone: "UTC" };
    expect(isWorkingTime(utc, new Date("2026-03-02T08:59:00Z"))).toBe(false);
    expect(isWorkingTime(utc, new Date("2026-03-02T09:00:00Z"))).toBe(true);
  });

  it("quiet hours wrap past midnight", () => {
    expect(isQuietTime(tokyo, new Date("2026-03-02T13:00:00Z"))).toBe(true); // 22:00 JST
    expect(isQuietTime(tokyo, new Date("2026-03-02T21:59:00Z"))).toBe(true); // 06:59 JST
    expect(isQuietTime(tokyo, new Date("2026-03-02T22:00:00Z"))).toBe(false); // 07:00 JST
    expect(isQuietTime({ ...tokyo, quietStartMin: null }, new Date("2026-03-02T13:00:00Z"))).toBe(false);
  });

  it("a working-hours-only level skips an off-duty responder unless the page is critical", () => {
    const night = new Date("2026-03-02T15:00:00Z"); // 00:00 JST
    expect(mayPage(tokyo, night, { severity: "high", workingHoursOnly: true })).toBe(false);
    expect(mayPage(tokyo, night, { severity: "critical", workingHoursOnly: true })).toBe(true);
    expect(mayPage(tokyo, night, { severity: "high", workingHoursOnly: false })).toBe(true);
  });
});
