import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import { actingUser, requirePermission, type ServiceContext } from "../lib/service-context.ts";
import type { ObjectType, PreferenceInput } from "./contract.ts";
import { preferencesOf, savePreference } from "./directory-repository.ts";
import { endInTx } from "./escalation-engine.ts";
import { findEscalation, liveEscalations } from "./escalation-repository.ts";
import { DEFAULT_HOURS } from "./working-hours.ts";

// The console's side of escalations: the live list, acknowledging one (which stops every pending step at once),
// and each person's own hours and channels.

export async function listLive(db: Db, context: ServiceContext) {
  requirePermission(context, "oncall:read");
  const rows = await liveEscalations(db, 100);
  return rows.map((row) => ({
    id: row.id,
    objectType: row.objectType,
    objectId: row.objectId,
    title: row.title,
    path: row.path,
    severity: row.severity,
    status: row.status as "active" | "exhausted",
    level: row.level,
    stepsFired: row.stepCount,
    nextStepAt: row.nextStepAt,
    startedAt: row.startedAt,
  }));
}

/** Acknowledges from the console: every live escalation of the same object ends with it. */
export async function acknowledgeEscalation(
  db: Db,
  context: ServiceContext,
  input: { escalationId: string },
) {
  requirePermission(context, "oncall:read");
  const user = actingUser(context);
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    const found = await findEscalation(tx, input.escalationId);
    if (!found) throw new AppError("NOT_FOUND", "escalationId: no such escalation.");
    const ended = await endInTx(
      tx,
      context,
      { objectType: found.objectType, objectId: found.objectId },
      { status: "acknowledged", at: now, userId: user?.id ?? null, via: "console" },
    );
    return { acknowledged: ended.length, acknowledgedAt: ended.length > 0 ? now : found.acknowledgedAt };
  });
}

/**
 * Acknowledges an object's escalations from outside the console (an integration): every live one ends at once.
 * Idempotent: acknowledging again ends nothing and answers when it was acknowledged.
 */
export async function acknowledgeObject(
  db: Db,
  context: ServiceContext,
  input: { objectType: ObjectType; objectId: string },
) {
  requirePermission(context, "oncall:read");
  const user = actingUser(context);
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    const ended = await endInTx(tx, context, input, {
      status: "acknowledged",
      at: now,
      userId: user?.id ?? null,
      via: context.actor.type === "api_client" ? "api" : "console",
    });
    return { acknowledged: ended.length, acknowledgedAt: ended.length > 0 ? now : null };
  });
}

export async function myPreferences(db: Db, context: ServiceContext) {
  const user = actingUser(context);
  if (!user) throw new AppError("FORBIDDEN", "Only a person has preferences.");
  const [row] = await preferencesOf(db, [user.id]);
  return row
    ? { ...row, channels: row.channels as PreferenceInput["channels"] }
    : { userId: user.id, ...DEFAULT_HOURS, channels: {} };
}

export async function saveMyPreferences(db: Db, context: ServiceContext, input: PreferenceInput) {
  const user = actingUser(context);
  if (!user) throw new AppError("FORBIDDEN", "Only a person has preferences.");
  if (input.workEndMin <= input.workStartMin) {
    throw new AppError("BAD_REQUEST", "workEndMin: working hours must end after they start.");
  }
  if ((input.quietStartMin === null) !== (input.quietEndMin === null)) {
    throw new AppError("BAD_REQUEST", "quietEndMin: quiet hours need both a start and an end.");
  }
  return withTransaction(db, async (tx) => {
    await savePreference(tx, { userId: user.id, ...input });
    await recordEvents(tx, context, [
      { type: "OncallPreferenceChanged", aggregateType: "user", aggregateId: user.id, payload: { ...input } },
    ]);
    return { userId: user.id, ...input };
  });
}
