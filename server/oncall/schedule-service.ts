import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import { withTransaction, type Queryable } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import { can } from "../auth/permissions.ts";
import { AppError } from "../lib/errors.ts";
import { actingUser, requirePermission, type ServiceContext } from "../lib/service-context.ts";
import type { ScheduleInput } from "./contract.ts";
import { activeUserIds } from "./directory-repository.ts";
import { shiftAt } from "./rotation.ts";
import { toSchedule } from "./schedule-model.ts";
import {
  createScheduleRow,
  deleteOverride,
  deleteSwaps,
  deleteScheduleRow,
  findOverride,
  findSchedule,
  insertOverride,
  insertSwap,
  lockSchedule,
  updateScheduleRow,
} from "./schedule-repository.ts";

// Changing schedules: each use case one transaction, recording OncallScheduleChanged (with what changed) for the
// audit trail. Admins and on-call leads (oncall:manage) change them; everyone may read them (schedule-views.ts).

const AGGREGATE = "oncall_schedule";

async function requireUsers(db: Queryable, ids: string[], field: string) {
  const found = await activeUserIds(db, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError("BAD_REQUEST", `${field}: no active user ${missing[0]}.`, { details: { missing } });
  }
}

function changed(context: ServiceContext, scheduleId: string, change: string, details: object) {
  return {
    type: "OncallScheduleChanged" as const,
    aggregateType: AGGREGATE,
    aggregateId: scheduleId,
    payload: { change, ...details, by: actingUser(context)?.id ?? null },
  };
}

function uniqueName(error: unknown): never {
  if (error instanceof Error && /Unique constraint|P2002/.test(error.message)) {
    throw new AppError("CONFLICT", "name: a schedule with this name exists.");
  }
  throw error;
}

export async function createSchedule(db: Db, context: ServiceContext, input: ScheduleInput) {
  requirePermission(context, "oncall:manage");
  await requireUsers(db, [...new Set(input.layers.flatMap((l) => l.participants))], "layers.participants");
  return withTransaction(
    db,
    async (tx) => {
      const row = await createScheduleRow(tx, input).catch(uniqueName);
      await recordEvents(tx, context, [changed(context, row.id, "created", { name: input.name })]);
      return { id: row.id, version: row.version };
    },
    { attempts: 1 },
  );
}

export async function updateSchedule(
  db: Db,
  context: ServiceContext,
  input: ScheduleInput & { scheduleId: string; version: number },
) {
  requirePermission(context, "oncall:manage");
  const { scheduleId, version, ...fields } = input;
  await requireUsers(db, [...new Set(fields.layers.flatMap((l) => l.participants))], "layers.participants");
  return withTransaction(
    db,
    async (tx) => {
      const updated = await updateScheduleRow(tx, scheduleId, version, fields).catch(uniqueName);
      if (!updated) {
        throw new AppError(
          "CONFLICT",
          "version: the schedule changed meanwhile (or is gone); reload and try again.",
        );
      }
      await recordEvents(tx, context, [changed(context, scheduleId, "updated", { name: fields.name })]);
      return { id: scheduleId, version: version + 1 };
    },
    { attempts: 1 },
  );
}

export async function deleteSchedule(
  db: Db,
  context: ServiceContext,
  { scheduleId }: { scheduleId: string },
) {
  requirePermission(context, "oncall:manage");
  return withTransaction(db, async (tx) => {
    if (!(await deleteScheduleRow(tx, scheduleId)))
      throw new AppError("NOT_FOUND", "scheduleId: no such schedule.");
    await recordEvents(tx, context, [changed(context, scheduleId, "deleted", {})]);
    return { id: scheduleId };
  });
}

export async function addOverride(
  db: Db,
  context: ServiceContext,
  input: { scheduleId: string; userId: string; startsAt: Date; endsAt: Date; reason: string },
) {
  requirePermission(context, "oncall:manage");
  await requireUsers(db, [input.userId], "userId");
  return withTransaction(db, async (tx) => {
    if (!(await lockSchedule(tx, input.scheduleId)))
      throw new AppError("NOT_FOUND", "scheduleId: no such schedule.");
    const row = await insertOverride(tx, { ...input, createdById: actingUser(context)?.id ?? null });
    await recordEvents(tx, context, [
      changed(context, input.scheduleId, "override_added", {
        overrideId: row.id,
        userId: input.userId,
        startsAt: input.startsAt.toISOString(),
        endsAt: input.endsAt.toISOString(),
      }),
    ]);
    return { id: row.id };
  });
}

export async function removeOverride(
  db: Db,
  context: ServiceContext,
  { overrideId }: { overrideId: string },
) {
  requirePermission(context, "oncall:manage");
  return withTransaction(db, async (tx) => {
    const found = await findOverride(tx, overrideId);
    if (!found || !(await deleteOverride(tx, overrideId))) {
      throw new AppError("NOT_FOUND", "overrideId: no such override.");
    }
    await recordEvents(tx, context, [changed(context, found.scheduleId, "override_removed", { overrideId })]);
    return { id: overrideId };
  });
}

/** An on-call lead (oncall:manage) trades any two shifts; otherwise the actor must hold one of the two. */
function mayTrade(context: ServiceContext, holders: string[]) {
  const user = actingUser(context);
  if (user === null || can(user.roles, "oncall:manage", user.permissions)) return;
  if (!holders.includes(user.id))
    throw new AppError("FORBIDDEN", "Only an on-call lead or one of the two people may swap these shifts.");
}

/** Two shifts of one layer change hands: whoever had the first takes the second, and the other way round. */
export async function swapShifts(
  db: Db,
  context: ServiceContext,
  input: { scheduleId: string; layerId: string; shiftStart: Date; otherShiftStart: Date },
) {
  requirePermission(context, "oncall:read");
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    if (!(await lockSchedule(tx, input.scheduleId)))
      throw new AppError("NOT_FOUND", "scheduleId: no such schedule.");
    const row = await findSchedule(tx, input.scheduleId, now);
    const schedule = toSchedule(row!);
    const layer = schedule.layers.find((l) => l.id === input.layerId);
    if (!layer) throw new AppError("BAD_REQUEST", "layerId: no such layer in this schedule.");
    const shiftOf = (start: Date, field: string) => {
      const shift = shiftAt(layer, start, schedule.timezone);
      if (!shift || shift.start.getTime() !== start.getTime()) {
        throw new AppError("BAD_REQUEST", `${field}: no shift of this layer starts then.`);
      }
      const swapped = schedule.swaps.find(
        (s) => s.layerId === layer.id && s.shiftStart.getTime() === start.getTime(),
      );
      return { start, userId: swapped?.userId ?? shift.userId };
    };
    const first = shiftOf(input.shiftStart, "shiftStart");
    const second = shiftOf(input.otherShiftStart, "otherShiftStart");
    if (first.userId === second.userId)
      throw new AppError("BAD_REQUEST", "otherShiftStart: the same person has both shifts.");
    mayTrade(context, [first.userId, second.userId]);
    const swapGroup = randomUUID();
    const createdById = actingUser(context)?.id ?? null;
    // Replacing an earlier swap of the same shift: the new one wins.
    await deleteSwaps(tx, input.scheduleId, layer.id, [first.start, second.start]);
    await insertSwap(tx, [
      {
        scheduleId: input.scheduleId,
        layerId: layer.id,
        shiftStart: first.start,
        userId: second.userId,
        swapGroup,
        createdById,
      },
      {
        scheduleId: input.scheduleId,
        layerId: layer.id,
        shiftStart: second.start,
        userId: first.userId,
        swapGroup,
        createdById,
      },
    ]);
    await recordEvents(tx, context, [
      changed(context, input.scheduleId, "shifts_swapped", {
        layerId: layer.id,
        shifts: [
          { start: first.start.toISOString(), from: first.userId, to: second.userId },
          { start: second.start.toISOString(), from: second.userId, to: first.userId },
        ],
      }),
    ]);
    return { swapGroup };
  });
}
