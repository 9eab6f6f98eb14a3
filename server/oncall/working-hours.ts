import { toLocal } from "../lib/timezone.ts";

// Each responder's day in their own time zone: working hours (for levels that page "during working hours only")
// and quiet hours (when only critical pages may wake them). A critical page bypasses both.

export const SEVERITIES = ["critical", "high", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CHANNELS = ["slack", "pagerduty", "email", "webhook", "in_app"] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ResponderHours {
  timezone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workDays: number[];
  /** Minutes after local midnight, [start, end). */
  workStartMin: number;
  workEndMin: number;
  /** Quiet hours [start, end) in local minutes, wrapping past midnight when end < start; null = none. */
  quietStartMin: number | null;
  quietEndMin: number | null;
}

/** What a responder who never set their hours gets: Monday to Friday, 09:00–18:00 UTC, no quiet hours. */
export const DEFAULT_HOURS: ResponderHours = {
  timezone: "UTC",
  workDays: [1, 2, 3, 4, 5],
  workStartMin: 9 * 60,
  workEndMin: 18 * 60,
  quietStartMin: null,
  quietEndMin: null,
};

function inWindow(minute: number, start: number, end: number): boolean {
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
}

export function isWorkingTime(hours: ResponderHours, at: Date): boolean {
  const local = toLocal(at, hours.timezone);
  return (
    hours.workDays.includes(local.isoWeekday) &&
    local.minuteOfDay >= hours.workStartMin &&
    local.minuteOfDay < hours.workEndMin
  );
}

export function isQuietTime(hours: ResponderHours, at: Date): boolean {
  if (hours.quietStartMin === null || hours.quietEndMin === null) return false;
  if (hours.quietStartMin === hours.quietEndMin) return false;
  return inWindow(toLocal(at, hours.timezone).minuteOfDay, hours.quietStartMin, hours.quietEndMin);
}

/**
 * Whether a level limited to working hours may page this responder now: always for a critical page or a level
 * that pages around the clock.
 */
export function mayPage(
  hours: ResponderHours,
  at: Date,
  options: { severity: Severity; workingHoursOnly: boolean },
): boolean {
  if (options.severity === "critical" || !options.workingHoursOnly) return true;
  return isWorkingTime(hours, at);
}
