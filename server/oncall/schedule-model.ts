import { rotationLayer } from "./contract.ts";
import type { ScheduleRow } from "./schedule-repository.ts";
import type { Schedule } from "./schedule.ts";

// A stored schedule as the pure maths read it (layers checked again: a stored row is data, not a promise).

export function toSchedule(row: ScheduleRow): Schedule {
  return {
    timezone: row.timezone,
    layers: rotationLayer.array().parse(row.layers),
    overrides: row.overrides.map(({ id, userId, startsAt, endsAt }) => ({ id, userId, startsAt, endsAt })),
    swaps: row.swaps,
  };
}
