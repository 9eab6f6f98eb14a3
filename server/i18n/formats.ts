import type { Formats } from "next-intl";

// The console's named date formats, used as format.dateTime(date, "short") on server and client (the root
// layout's NextIntlClientProvider passes them on). Tables and charts read a 24-hour clock in both languages;
// every time shows in the zone set in request.ts.
const CLOCK = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;

export const formats = {
  dateTime: {
    /** "Jan 31, 09:05": table cells, chart tooltips, "as of" lines. */
    short: { month: "short", day: "numeric", ...CLOCK },
    /** "Jan 31, 2026, 9:05 AM": a fact on a detail page (created, due, opened). */
    medium: { dateStyle: "medium", timeStyle: "short" },
    /** "Jan 31, 2026, 09:05:07": trails where seconds matter (audit log, signals, case history, dead letters). */
    precise: { year: "numeric", month: "short", day: "numeric", ...CLOCK, second: "2-digit" },
    /** "Jan 31, 2026": a day without its time. */
    date: { dateStyle: "medium" },
    /** "09:05": a time on a chart axis or within today's board. */
    time: CLOCK,
    /** "1/31": a day on a chart axis. */
    day: { month: "numeric", day: "numeric" },
  },
} satisfies Formats;
