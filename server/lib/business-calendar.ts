import {
  addDays,
  assertTimeZone,
  compareDates,
  formatDate,
  fromLocal,
  isoWeekday,
  toLocal,
  type LocalDate,
} from "./timezone.ts";

/** Shape of a BusinessCalendar row with its holidays flattened to local dates. */
export interface BusinessCalendar {
  /** IANA zone, e.g. "Asia/Tokyo". */
  readonly timezone: string;
  /** Minutes after local midnight, 0 ≤ dayStartMin < dayEndMin ≤ 1440. */
  readonly dayStartMin: number;
  readonly dayEndMin: number;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly workDays: readonly number[];
  /** Local dates 'YYYY-MM-DD' that are not worked. */
  readonly holidays: readonly string[];
}

// Every business day is one window [day start, day end) in local time; all arithmetic walks these
// windows as UTC instants, so a DST change (in zones that have one) shortens or lengthens only the
// window it falls in instead of shifting every later result by an hour.

interface Window {
  readonly start: number;
  readonly end: number;
}

interface Compiled {
  readonly timezone: string;
  readonly dayStartMin: number;
  readonly dayEndMin: number;
  readonly workDays: ReadonlySet<number>;
  readonly holidays: ReadonlySet<string>;
  /** Windows by local date as yyyymmdd; an SLA view asks for the same few days thousands of times. */
  readonly windows: Map<number, Window | null>;
}

const MINUTE_MS = 60_000;
const HOLIDAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;
const MAX_CACHED_WINDOWS = 4096;
const compiledCache = new WeakMap<BusinessCalendar, Compiled>();

function compile(cal: BusinessCalendar): Compiled {
  const cached = compiledCache.get(cal);
  if (cached) return cached;
  assertTimeZone(cal.timezone);
  const { dayStartMin, dayEndMin } = cal;
  if (!Number.isInteger(dayStartMin) || !Number.isInteger(dayEndMin) || dayStartMin < 0 || dayEndMin > 1440) {
    throw new RangeError(`Business day must lie within 0..1440 minutes, got ${dayStartMin}..${dayEndMin}`);
  }
  if (dayStartMin >= dayEndMin) {
    throw new RangeError(`Business day must start before it ends, got ${dayStartMin}..${dayEndMin}`);
  }
  const workDays = new Set(cal.workDays);
  if (workDays.size === 0 || [...workDays].some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new RangeError(
      `Work days must be a non-empty set of ISO weekdays 1..7, got [${cal.workDays.join(", ")}]`,
    );
  }
  const badHoliday = cal.holidays.find((h) => !HOLIDAY_FORMAT.test(h));
  if (badHoliday !== undefined) throw new RangeError(`Holiday must be 'YYYY-MM-DD', got '${badHoliday}'`);
  const compiled: Compiled = {
    timezone: cal.timezone,
    dayStartMin,
    dayEndMin,
    workDays,
    holidays: new Set(cal.holidays),
    windows: new Map(),
  };
  compiledCache.set(cal, compiled);
  return compiled;
}

function windowOn(date: LocalDate, c: Compiled): Window | null {
  const key = date.year * 10_000 + date.month * 100 + date.day;
  const cached = c.windows.get(key);
  if (cached !== undefined) return cached;
  const window =
    !c.workDays.has(isoWeekday(date)) || c.holidays.has(formatDate(date))
      ? null
      : {
          start: fromLocal(date, c.dayStartMin, c.timezone).getTime(),
          end: fromLocal(date, c.dayEndMin, c.timezone).getTime(),
        };
  if (c.windows.size >= MAX_CACHED_WINDOWS) c.windows.clear();
  c.windows.set(key, window);
  return window;
}

function localDateOf(ms: number, c: Compiled): LocalDate {
  return toLocal(new Date(ms), c.timezone).date;
}

/** Whether the local date of `t` is a working day that is not a holiday. */
export function isBusinessDay(t: Date, cal: BusinessCalendar): boolean {
  const c = compile(cal);
  return windowOn(localDateOf(t.getTime(), c), c) !== null;
}

/** Business hours are half-open: day start is inside, day end is not. */
export function isWithinBusinessHours(t: Date, cal: BusinessCalendar): boolean {
  const c = compile(cal);
  const ms = t.getTime();
  const w = windowOn(localDateOf(ms, c), c);
  return w !== null && w.start <= ms && ms < w.end;
}

/** `t` itself when inside business hours, otherwise the start of the next business window. */
export function nextBusinessStart(t: Date, cal: BusinessCalendar): Date {
  const c = compile(cal);
  const ms = t.getTime();
  for (let date = localDateOf(ms, c); ; date = addDays(date, 1)) {
    const w = windowOn(date, c);
    if (w === null || ms >= w.end) continue;
    return new Date(Math.max(ms, w.start));
  }
}

/**
 * The earliest instant T ≥ start with exactly `minutes` business minutes in [start, T].
 * Being the earliest, a deadline that uses up a day's last minute lands on that day's end (18:00),
 * not on the next morning; adding 0 returns `start` unchanged.
 */
export function addBusinessMinutes(start: Date, minutes: number, cal: BusinessCalendar): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Business minutes must be a finite non-negative number, got ${minutes}`);
  }
  const c = compile(cal);
  let cursor = start.getTime();
  let remaining = Math.round(minutes * MINUTE_MS);
  if (remaining === 0) return new Date(cursor);
  for (let date = localDateOf(cursor, c); ; date = addDays(date, 1)) {
    const w = windowOn(date, c);
    if (w === null || cursor >= w.end) continue;
    const from = Math.max(cursor, w.start);
    const available = w.end - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
    cursor = w.end;
  }
}

/** Business minutes in [a, b] (fractional when a or b carry seconds); negative when b is before a. */
export function businessMinutesBetween(a: Date, b: Date, cal: BusinessCalendar): number {
  const c = compile(cal);
  const from = a.getTime();
  const to = b.getTime();
  if (to < from) return 0 - businessMinutesBetween(b, a, cal);
  const last = localDateOf(to, c);
  let total = 0;
  for (let date = localDateOf(from, c); compareDates(date, last) <= 0; date = addDays(date, 1)) {
    const w = windowOn(date, c);
    if (w === null) continue;
    const overlap = Math.min(to, w.end) - Math.max(from, w.start);
    if (overlap > 0) total += overlap;
  }
  return total / MINUTE_MS;
}

/** Day end of the first business day whose local date is strictly after the local date of `t`. */
export function endOfNextBusinessDay(t: Date, cal: BusinessCalendar): Date {
  const c = compile(cal);
  for (let date = addDays(localDateOf(t.getTime(), c), 1); ; date = addDays(date, 1)) {
    const w = windowOn(date, c);
    if (w !== null) return new Date(w.end);
  }
}
