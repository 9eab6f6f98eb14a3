import type { Db } from "../db/client.ts";
import { AppError } from "../lib/errors.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { userNames } from "./directory-repository.ts";
import { toSchedule } from "./schedule-model.ts";
import { findSchedule, listSchedules, type ScheduleRow } from "./schedule-repository.ts";
import { coverageGaps, layerShifts, nextShifts, timeline, whoIsOnCall } from "./schedule.ts";

// Reading schedules: who is on call now and next, and a window's timeline with overrides and gaps flagged.

const DAY_MS = 86_400_000;
const person = (names: Map<string, string>, userId: string | null) =>
  userId === null ? null : { userId, name: names.get(userId) ?? "(unknown user)" };

function ids(rows: ScheduleRow[], extra: string[] = []): string[] {
  return [
    ...new Set([
      ...rows.flatMap((row) => toSchedule(row).layers.flatMap((l) => l.participants)),
      ...rows.flatMap((row) => row.overrides.map((o) => o.userId)),
      ...rows.flatMap((row) => row.swaps.map((s) => s.userId)),
      ...extra,
    ]),
  ];
}

export async function scheduleOverview(db: Db, context: ServiceContext) {
  requirePermission(context, "oncall:read");
  const now = context.clock.now();
  const rows = await listSchedules(db, now);
  const names = await userNames(db, ids(rows));
  return rows.map((row) => {
    const schedule = toSchedule(row);
    const [current, next] = nextShifts(schedule, now, 2);
    const onCallNow = whoIsOnCall(schedule, now);
    const upcoming = onCallNow ? next : current;
    return {
      id: row.id,
      name: row.name,
      teamId: row.teamId,
      timezone: row.timezone,
      version: row.version,
      layers: schedule.layers,
      now: onCallNow
        ? { ...person(names, onCallNow.userId)!, until: current!.end, source: onCallNow.source.kind }
        : null,
      next: upcoming
        ? { ...person(names, upcoming.userId)!, start: upcoming.start, end: upcoming.end }
        : null,
      gapsNext14Days: coverageGaps(schedule, now, new Date(now.getTime() + 14 * DAY_MS)).length,
    };
  });
}

export async function scheduleTimeline(
  db: Db,
  context: ServiceContext,
  input: { scheduleId: string; from: Date; days: number },
) {
  requirePermission(context, "oncall:read");
  const to = new Date(input.from.getTime() + input.days * DAY_MS);
  const row = await findSchedule(db, input.scheduleId, input.from);
  if (!row) throw new AppError("NOT_FOUND", "scheduleId: no such schedule.");
  const schedule = toSchedule(row);
  const names = await userNames(db, ids([row]));
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    from: input.from,
    to,
    segments: timeline(schedule, input.from, to).map((segment) => ({
      start: segment.start,
      end: segment.end,
      person: person(names, segment.userId),
      kind:
        segment.source === null
          ? ("gap" as const)
          : segment.source.kind === "override"
            ? ("override" as const)
            : segment.source.swapped
              ? ("swap" as const)
              : ("rotation" as const),
    })),
    gaps: coverageGaps(schedule, input.from, to),
    shifts: layerShifts(schedule, input.from, to).map(({ userId, ...shift }) => ({
      ...shift,
      person: person(names, userId)!,
    })),
    overrides: row.overrides
      .filter((o) => o.startsAt < to)
      .map((o) => ({
        id: o.id,
        person: person(names, o.userId)!,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
        reason: o.reason,
      })),
  };
}
