import type { JsonValue } from "../db/json.ts";
import type { Queryable, Tx } from "../db/transaction.ts";

// Schedules with their overrides and swaps. Layers are one JSON column, checked by contract.ts when written and
// when read back.

export interface ScheduleRow {
  id: string;
  name: string;
  teamId: string | null;
  timezone: string;
  layers: JsonValue;
  version: number;
  updatedAt: Date;
  overrides: { id: string; userId: string; startsAt: Date; endsAt: Date; reason: string; createdAt: Date }[];
  swaps: { layerId: string; shiftStart: Date; userId: string }[];
}

const scheduleSelect = {
  id: true,
  name: true,
  teamId: true,
  timezone: true,
  layers: true,
  version: true,
  updatedAt: true,
} as const;

/** Overrides still running or ahead (ended ones change nobody's answer), in creation order. */
function withCurrentParts(since: Date) {
  return {
    ...scheduleSelect,
    overrides: {
      where: { endsAt: { gt: since } },
      orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }],
      select: { id: true, userId: true, startsAt: true, endsAt: true, reason: true, createdAt: true },
    },
    swaps: { select: { layerId: true, shiftStart: true, userId: true } },
  };
}

export function findSchedule(db: Queryable, id: string, since: Date): Promise<ScheduleRow | null> {
  return db.oncallSchedule.findUnique({ where: { id }, select: withCurrentParts(since) });
}

export function listSchedules(db: Queryable, since: Date): Promise<ScheduleRow[]> {
  return db.oncallSchedule.findMany({ orderBy: { name: "asc" }, select: withCurrentParts(since) });
}

export function schedulesOfTeam(db: Queryable, teamId: string, since: Date): Promise<ScheduleRow[]> {
  return db.oncallSchedule.findMany({
    where: { teamId },
    orderBy: { createdAt: "asc" },
    select: withCurrentParts(since),
  });
}

export function schedulesByIds(db: Queryable, ids: readonly string[], since: Date): Promise<ScheduleRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.oncallSchedule.findMany({ where: { id: { in: [...ids] } }, select: withCurrentParts(since) });
}

export interface ScheduleFields {
  name: string;
  teamId: string | null;
  timezone: string;
  layers: object[];
}

export function createScheduleRow(tx: Tx, fields: ScheduleFields) {
  return tx.oncallSchedule.create({ data: fields, select: { id: true, version: true } });
}

/** Updates when the version matches; returns false when someone changed it first. */
export async function updateScheduleRow(tx: Tx, id: string, version: number, fields: ScheduleFields) {
  const { count } = await tx.oncallSchedule.updateMany({
    where: { id, version },
    data: { ...fields, version: { increment: 1 } },
  });
  return count === 1;
}

export async function deleteScheduleRow(tx: Tx, id: string): Promise<boolean> {
  const { count } = await tx.oncallSchedule.deleteMany({ where: { id } });
  return count === 1;
}

export function insertOverride(
  tx: Tx,
  row: {
    scheduleId: string;
    userId: string;
    startsAt: Date;
    endsAt: Date;
    reason: string;
    createdById: string | null;
  },
) {
  return tx.oncallOverride.create({ data: row, select: { id: true } });
}

export function deleteOverride(tx: Tx, id: string) {
  return tx.oncallOverride.deleteMany({ where: { id } }).then(({ count }) => count === 1);
}

export function findOverride(db: Queryable, id: string) {
  return db.oncallOverride.findUnique({
    where: { id },
    select: { id: true, scheduleId: true, userId: true },
  });
}

/** Records both halves of a swap; a shift already swapped is a unique-key conflict. */
export async function insertSwap(
  tx: Tx,
  rows: {
    scheduleId: string;
    layerId: string;
    shiftStart: Date;
    userId: string;
    swapGroup: string;
    createdById: string | null;
  }[],
) {
  await tx.oncallShiftSwap.createMany({ data: rows });
}

export async function lockSchedule(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "OncallSchedule" WHERE id = ${id}::uuid FOR UPDATE`;
  return rows.length === 1;
}

export async function deleteSwaps(
  tx: Tx,
  scheduleId: string,
  layerId: string,
  starts: Date[],
): Promise<void> {
  await tx.oncallShiftSwap.deleteMany({ where: { scheduleId, layerId, shiftStart: { in: starts } } });
}
