import type { BusinessCalendar } from "../lib/business-calendar.ts";

// A business calendar as the repositories that read one (tickets' routing and SLA, workflow step SLAs, incident
// response targets) select it, and the row turned into the calendar the clock maths takes.

export const CALENDAR_COLUMNS = {
  timezone: true,
  dayStartMin: true,
  dayEndMin: true,
  workDays: true,
  holidays: { select: { date: true } },
} as const;

export interface CalendarRow {
  timezone: string;
  dayStartMin: number;
  dayEndMin: number;
  workDays: number[];
  holidays: { date: Date }[];
}

/** Holidays become local dates ('YYYY-MM-DD'): they are stored as dates, which Prisma reads at UTC midnight. */
export function toBusinessCalendar({ holidays, ...calendar }: CalendarRow): BusinessCalendar {
  return { ...calendar, holidays: holidays.map((h) => h.date.toISOString().slice(0, 10)) };
}
