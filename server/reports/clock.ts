import { businessMinutesBetween, type BusinessCalendar } from "../lib/business-calendar.ts";

// How long a clock ran between a start and a stop, leaving out the periods it was paused. "business" counts only
// the team's business hours (server/lib/business-calendar.ts, the same maths as the tickets' SLA); "24/7" counts
// wall-clock minutes.

export type CalendarKind = "business" | "24/7";

export interface Interval {
  from: Date;
  to: Date;
}

const MINUTE_MS = 60_000;

function clockMinutes(kind: CalendarKind, a: Date, b: Date, cal: BusinessCalendar): number {
  if (b.getTime() <= a.getTime()) return 0;
  return kind === "24/7" ? (b.getTime() - a.getTime()) / MINUTE_MS : businessMinutesBetween(a, b, cal);
}

/** Minutes the clock ran in [start, stop], minus each pause clipped to that span. */
export function activeMinutes(
  kind: CalendarKind,
  start: Date,
  stop: Date,
  pauses: readonly Interval[],
  cal: BusinessCalendar,
): number {
  let minutes = clockMinutes(kind, start, stop, cal);
  for (const pause of pauses) {
    const from = Math.max(pause.from.getTime(), start.getTime());
    const to = Math.min(pause.to.getTime(), stop.getTime());
    if (to > from) minutes -= clockMinutes(kind, new Date(from), new Date(to), cal);
  }
  return Math.max(0, minutes);
}
