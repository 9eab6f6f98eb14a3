// Wall-clock ↔ instant conversion for an IANA zone using only Intl, so calendars work for any zone
// the runtime knows (fixed-offset ones like Asia/Tokyo and DST ones alike) without a date library.

export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface LocalDateTime {
  readonly date: LocalDate;
  /** Minutes after local midnight, with seconds as a fraction. */
  readonly minuteOfDay: number;
  /** 1 = Monday … 7 = Sunday. */
  readonly isoWeekday: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    throw new RangeError(`Unsupported time zone: ${timeZone}`);
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

/** Throws RangeError when the runtime does not know the zone. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

// Intl formatting costs ~25 µs and an SLA view asks for dozens of offsets. Since 1980 every zone changes its
// offset only at instants on a UTC quarter hour, so one lookup per zone and quarter hour serves them all.
const OFFSET_BUCKET_MS = 15 * MINUTE_MS;
const CACHE_FROM_MS = Date.UTC(1980, 0, 1);
const MAX_CACHED_OFFSETS = 100_000;
const offsetCache = new Map<string, Map<number, number>>();

/** Offset of the zone from UTC at instant `ms`, in milliseconds (Asia/Tokyo: +9 h). */
function offsetMsAt(ms: number, timeZone: string): number {
  if (ms < CACHE_FROM_MS) return intlOffsetMsAt(ms, timeZone);
  const bucket = Math.floor(ms / OFFSET_BUCKET_MS);
  let zone = offsetCache.get(timeZone);
  if (zone === undefined) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const cached = zone.get(bucket);
  if (cached !== undefined) return cached;
  const offset = intlOffsetMsAt(bucket * OFFSET_BUCKET_MS, timeZone);
  if (zone.size >= MAX_CACHED_OFFSETS) zone.clear();
  zone.set(bucket, offset);
  return offset;
}

function intlOffsetMsAt(ms: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    if (!part) throw new Error(`Intl did not return ${type} for ${timeZone}`);
    return Number(part.value);
  };
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return wall - wholeSecond;
}

export function offsetMinutesAt(t: Date, timeZone: string): number {
  return offsetMsAt(t.getTime(), timeZone) / MINUTE_MS;
}

export function toLocal(t: Date, timeZone: string): LocalDateTime {
  const ms = t.getTime();
  const wall = new Date(ms + offsetMsAt(ms, timeZone));
  const date = { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
  const minuteOfDay = (wall.getTime() - Date.UTC(date.year, date.month - 1, date.day)) / MINUTE_MS;
  return { date, minuteOfDay, isoWeekday: isoWeekday(date) };
}

/**
 * The instant at which the zone's clocks read `date` + `minuteOfDay` (1440 = next midnight).
 * Ambiguous or skipped wall times are resolved like Temporal's "compatible" mode: in a DST overlap the
 * earlier instant wins, and a time inside a DST gap moves forward by the gap's length.
 */
export function fromLocal(date: LocalDate, minuteOfDay: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE_MS;
  const before = offsetMsAt(wall - DAY_MS, timeZone);
  const after = offsetMsAt(wall + DAY_MS, timeZone);
  const valid = [wall - before, wall - after].filter((ms) => offsetMsAt(ms, timeZone) === wall - ms);
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(wall - before);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  // Calendar walks step one day at a time; every month has at least 28 days, so most steps need no Date.
  if (days === 1 && date.day < 28) return { year: date.year, month: date.month, day: date.day + 1 };
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function isoWeekday(date: LocalDate): number {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** 'YYYY-MM-DD', the format of BusinessCalendar holidays. */
export function formatDate(date: LocalDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}
