import { layerChangePoints, layerShiftAt, type RotationLayer } from "./rotation.ts";

// A schedule's answer to "who is on call": overrides first (the latest created wins), then the layers from the
// last to the first (a later layer covers an earlier one where it has someone), a swapped shift going to whoever
// took it. Every function here is pure: the same schedule and instant always give the same person.

export interface Override {
  id: string;
  userId: string;
  startsAt: Date;
  endsAt: Date;
}

/** One layer's shift (by its start) handed to another person. */
interface ShiftSwap {
  layerId: string;
  shiftStart: Date;
  userId: string;
}

export interface Schedule {
  timezone: string;
  layers: RotationLayer[];
  /** In creation order: a later override wins where two overlap. */
  overrides: Override[];
  swaps: ShiftSwap[];
}

type OnCallSource =
  { kind: "override"; overrideId: string } | { kind: "layer"; layerId: string; swapped: boolean };

export interface OnCall {
  userId: string;
  source: OnCallSource;
}

/** A stretch of time with one answer; userId null is a gap in coverage. */
export interface Segment {
  start: Date;
  end: Date;
  userId: string | null;
  source: OnCallSource | null;
}

const swapKey = (layerId: string, start: Date) => `${layerId}@${start.getTime()}`;

export function whoIsOnCall(schedule: Schedule, at: Date): OnCall | null {
  for (let i = schedule.overrides.length - 1; i >= 0; i--) {
    const override = schedule.overrides[i]!;
    if (override.startsAt <= at && at < override.endsAt) {
      return { userId: override.userId, source: { kind: "override", overrideId: override.id } };
    }
  }
  const swaps = new Map(schedule.swaps.map((swap) => [swapKey(swap.layerId, swap.shiftStart), swap.userId]));
  for (let i = schedule.layers.length - 1; i >= 0; i--) {
    const layer = schedule.layers[i]!;
    const shift = layerShiftAt(layer, at, schedule.timezone);
    if (shift === null) continue;
    const swappedTo = swaps.get(swapKey(layer.id, shift.start));
    return {
      userId: swappedTo ?? shift.userId,
      source: { kind: "layer", layerId: layer.id, swapped: swappedTo !== undefined },
    };
  }
  return null;
}

const sameAnswer = (a: Segment, b: OnCall | null): boolean =>
  a.userId === (b?.userId ?? null) && JSON.stringify(a.source) === JSON.stringify(b?.source ?? null);

/** The schedule over [from, to) as consecutive segments, each with one answer (adjacent equal ones merged). */
export function timeline(schedule: Schedule, from: Date, to: Date): Segment[] {
  if (!(from < to)) return [];
  const points = new Set<number>([from.getTime(), to.getTime()]);
  for (const layer of schedule.layers) {
    for (const point of layerChangePoints(layer, from, to, schedule.timezone)) points.add(point.getTime());
  }
  for (const { startsAt, endsAt } of schedule.overrides) {
    for (const edge of [startsAt, endsAt]) if (edge > from && edge < to) points.add(edge.getTime());
  }
  const sorted = [...points].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = new Date(sorted[i]!);
    const answer = whoIsOnCall(schedule, start);
    const last = segments.at(-1);
    if (last && sameAnswer(last, answer)) {
      last.end = new Date(sorted[i + 1]!);
      continue;
    }
    segments.push({
      start,
      end: new Date(sorted[i + 1]!),
      userId: answer?.userId ?? null,
      source: answer?.source ?? null,
    });
  }
  return segments;
}

/** Stretches of [from, to) with nobody on call. */
export function coverageGaps(schedule: Schedule, from: Date, to: Date): { start: Date; end: Date }[] {
  return timeline(schedule, from, to)
    .filter((segment) => segment.userId === null)
    .map(({ start, end }) => ({ start, end }));
}

const LOOKAHEAD_MS = 7 * 86_400_000;
const MAX_LOOKAHEAD_MS = 366 * 86_400_000;

/**
 * The next `n` on-call stretches from `from` (the current one first), consecutive time with the same person as
 * one shift whatever layer or override gives it; gaps are left out. Looks ahead at most a year.
 */
export function nextShifts(
  schedule: Schedule,
  from: Date,
  n: number,
): { userId: string; start: Date; end: Date }[] {
  if (n <= 0) return [];
  for (let span = LOOKAHEAD_MS; ; span *= 2) {
    const bounded = Math.min(span, MAX_LOOKAHEAD_MS);
    const to = new Date(from.getTime() + bounded);
    const shifts: { userId: string; start: Date; end: Date }[] = [];
    for (const segment of timeline(schedule, from, to)) {
      const last = shifts.at(-1);
      if (segment.userId === null) continue;
      if (last && last.userId === segment.userId && last.end.getTime() === segment.start.getTime()) {
        last.end = segment.end;
      } else {
        shifts.push({ userId: segment.userId, start: segment.start, end: segment.end });
      }
    }
    // The last shift may run on past the window: only a window that holds more than n shifts is sure of the n-th end.
    if (shifts.length > n || bounded === MAX_LOOKAHEAD_MS) return shifts.slice(0, n);
  }
}

export interface LayerShift {
  layerId: string;
  layerName: string;
  start: Date;
  end: Date;
  userId: string;
}

/** Each layer's own shifts meeting [from, to), with swaps applied (overrides left aside): what a swap trades. */
export function layerShifts(schedule: Schedule, from: Date, to: Date): LayerShift[] {
  const swaps = new Map(schedule.swaps.map((swap) => [swapKey(swap.layerId, swap.shiftStart), swap.userId]));
  return schedule.layers.flatMap((layer) => {
    const seen = new Map<number, LayerShift>();
    for (const point of [from, ...layerChangePoints(layer, from, to, schedule.timezone)]) {
      const shift = layerShiftAt(layer, point, schedule.timezone);
      if (shift === null || seen.has(shift.start.getTime())) continue;
      seen.set(shift.start.getTime(), {
        layerId: layer.id,
        layerName: layer.name,
        start: shift.start,
        end: shift.end,
        userId: swaps.get(swapKey(layer.id, shift.start)) ?? shift.userId,
      });
    }
    return [...seen.values()];
  });
}
