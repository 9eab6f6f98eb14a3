// Shared fixtures for the tickets tests only.
import type { BusinessCalendar } from "./types";

// 国民の祝日 2026, including 振替休日 and 国民の休日.
const JP_HOLIDAYS_2026 = [
  "2026-01-01",
  "2026-01-12",
  "2026-02-11",
  "2026-02-23",
  "2026-03-20",
  "2026-04-29",
  "2026-05-03",
  "2026-05-04",
  "2026-05-05",
  "2026-05-06",
  "2026-07-20",
  "2026-08-11",
  "2026-09-21",
  "2026-09-22",
  "2026-09-23",
  "2026-10-12",
  "2026-11-03",
  "2026-11-23",
] as const;

export const TOKYO: BusinessCalendar = {
  timezone: "Asia/Tokyo",
  dayStartMin: 540,
  dayEndMin: 1080,
  workDays: [1, 2, 3, 4, 5],
  holidays: JP_HOLIDAYS_2026,
};

/** A wall-clock time in Tokyo, e.g. jst("2026-03-06T17:00"). */
export function jst(local: string): Date {
  return new Date(`${local}:00+09:00`);
}
