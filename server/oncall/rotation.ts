import { addDays, fromLocal, isoWeekday, toLocal, type LocalDate } from "../lib/timezone.ts";
import { dayDiff, parseLocalDate } from "./local-dates.ts";

// One rotation layer: participants take turns, one shift each, handing over at a wall-clock time in the
// schedule's zone (so a Tokyo rotation hands over at 09:00 Tokyo time, whatever UTC says). A layer may be
// restricted to a daily window (a "business hours" layer over a 24-hour one); outside it the layer is silent.

type RotationKind = "daily" | "weekly";

export interface RotationLayer {
  id: string;
  name: string;
  kind: RotationKind;
  /** Minutes after local midnight at which one shift hands over to the next. */
  handoffMinute: number;
  /** For weekly rotations: the ISO weekday of the handover (1 = Monday … 7 = Sunday). */
  handoffWeekday: number;
  /** 'YYYY-MM-DD' in the schedule's zone: the first shift starts on this day (weekly: its handover weekday). */
  startDate: string;
  /** 'YYYY-MM-DD' exclusive; null = runs on. */
  endDate: string | null;
  /** User ids in turn order. */
  participants: string[];
  /** A daily window in local minutes [start, end); end < start wraps past midnight; null = all day. */
  restriction: { startMinute: number; endMinute: number } | null;
}

export interface Shift {
  layerId: string;
  index: number;
  userId: string;
  start: Date;
  end: Date;
}

const shiftDays = (layer: RotationLayer): number => (layer.kind === "daily" ? 1 : 7);

/** The local date the first shift starts: for weekly layers the first handover weekday on or after startDate. */
function anchorDate(layer: RotationLayer): LocalDate {
  const start = parseLocalDate(layer.startDate);
  if (layer.kind === "daily") return start;
  return addDays(start, (layer.handoffWeekday - isoWeekday(start) + 7) % 7);
}

/** When shift `index` of the layer starts (index may run past the end date; callers bound it). */
function shiftStart(layer: RotationLayer, index: number, timeZone: string): Date {
  return fromLocal(addDays(anchorDate(layer), index * shiftDays(layer)), layer.handoffMinute, timeZone);
}

function layerEnd(layer: RotationLayer, timeZone: string): Date | null {
  return layer.endDate === null
    ? null
    : fromLocal(parseLocalDate(layer.endDate), layer.handoffMinute, timeZone);
}

/** The index of the shift running at `at` (−1 and below: before the layer starts). */
function shiftIndexAt(layer: RotationLayer, at: Date, timeZone: string): number {
  const local = toLocal(at, timeZone);
  const days = dayDiff(anchorDate(layer), local.date) - (local.minuteOfDay < layer.handoffMinute ? 1 : 0);
  let index = Math.floor(days / shiftDays(layer));
  // Wall-clock arithmetic can be an hour off around a DST change: settle on the instants themselves.
  while (at < shiftStart(layer, index, timeZone)) index--;
  while (at >= shiftStart(layer, index + 1, timeZone)) index++;
  return index;
}

function insideRestriction(layer: RotationLayer, at: Date, timeZone: string): boolean {
  if (layer.restriction === null) return true;
  const { startMinute, endMinute } = layer.restriction;
  const minute = toLocal(at, timeZone).minuteOfDay;
  return startMinute <= endMinute
    ? minute >= startMinute && minute < endMinute
    : minute >= startMinute || minute < endMinute;
}

/** The layer's shift at `at`, ignoring its restriction window; null before its start, after its end, or empty. */
export function shiftAt(layer: RotationLayer, at: Date, timeZone: string): Shift | null {
  if (layer.participants.length === 0) return null;
  const end = layerEnd(layer, timeZone);
  if (end !== null && at >= end) return null;
  const index = shiftIndexAt(layer, at, timeZone);
  if (index < 0) return null;
  const userId = layer.participants[index % layer.participants.length]!;
  const next = shiftStart(layer, index + 1, timeZone);
  return {
    layerId: layer.id,
    index,
    userId,
    start: shiftStart(layer, index, timeZone),
    end: end !== null && end < next ? end : next,
  };
}

/** Who the layer puts on call at `at` (restriction included), before overrides and swaps. */
export function layerShiftAt(layer: RotationLayer, at: Date, timeZone: string): Shift | null {
  return insideRestriction(layer, at, timeZone) ? shiftAt(layer, at, timeZone) : null;
}

/**
 * Every instant in [from, to) at which the layer's answer may change: shift handovers, its start and end, and
 * the edges of its daily window. The timeline evaluates the schedule once between consecutive change points.
 */
export function layerChangePoints(layer: RotationLayer, from: Date, to: Date, timeZone: string): Date[] {
  const points: Date[] = [];
  const first = Math.max(0, shiftIndexAt(layer, from, timeZone));
  for (let index = first; ; index++) {
    const start = shiftStart(layer, index, timeZone);
    if (start >= to) break;
    if (start > from) points.push(start);
  }
  const end = layerEnd(layer, timeZone);
  if (end !== null && end > from && end < to) points.push(end);
  if (layer.restriction !== null) {
    const { startMinute, endMinute } = layer.restriction;
    for (let day = addDays(toLocal(from, timeZone).date, -1); ; day = addDays(day, 1)) {
      const midnight = fromLocal(day, 0, timeZone);
      if (midnight >= to) break;
      for (const minute of [startMinute, endMinute]) {
        const edge = fromLocal(day, minute, timeZone);
        if (edge > from && edge < to) points.push(edge);
      }
    }
  }
  return points;
}
