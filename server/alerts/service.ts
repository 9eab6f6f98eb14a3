import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { listCities, lockCities, type CityRecord } from "../cities/repository.ts";
import { recordEvent } from "../events/record.ts";
import { SYSTEM_ACTOR, type EventContext, type EventType } from "../events/types.ts";
import { AppError } from "../lib/errors.ts";
import { acknowledge, silence, unsilence, type ActionResult } from "./evaluator.ts";
import { alertEventPayload } from "./event-payload.ts";
import { addSummaries, EMPTY_SUMMARY, evaluateCities, type EvaluationSummary } from "./evaluation.ts";
import { reconcileFollowUps } from "./follow-ups.ts";
import { resolveByPerson } from "./person-actions.ts";
import { enabledRules, findAlertWithContext, updateAlert, type AlertWithContext } from "./repository.ts";

// Alert evaluation entry points (after an ingest, on a schedule) and the actions a person takes on an alert.

type Tx = Prisma.TransactionClient;

// Few enough that an ingest waiting for one of these cities waits briefly; enough to save round trips.
const CITIES_PER_TRANSACTION = 10;

/** For a batch that just wrote these cities' indicators; the caller's transaction holds their locks. */
export async function evaluateAlertsForCities(
  tx: Tx,
  context: EventContext,
  cities: readonly CityRecord[],
  now: Date,
): Promise<EvaluationSummary> {
  const rules = await enabledRules(
    tx,
    cities.map((city) => city.id),
  );
  return evaluateCities(tx, context, cities, rules, now);
}

/**
 * Every enabled rule for every city, for the transitions time alone causes (pending → firing, keep_firing_for
 * running out, a feed gone silent). Short transactions over a few cities each, under those cities' locks, so
 * overlapping runs (two instances, a slow run meeting the next) queue per city and the later one sees the
 * earlier one's alerts.
 */
export async function evaluateAllAlerts(
  db: Db,
  now: Date = new Date(),
  correlationId: string = randomUUID(),
): Promise<EvaluationSummary & { cities: number; tickets: number; riskSignals: number }> {
  const context: EventContext = { actor: SYSTEM_ACTOR, correlationId };
  const [cities, rules] = await Promise.all([listCities(db), enabledRules(db)]);
  let summary = EMPTY_SUMMARY;
  for (let i = 0; i < cities.length; i += CITIES_PER_TRANSACTION) {
    const group = cities.slice(i, i + CITIES_PER_TRANSACTION);
    const result = await db.$transaction(
      async (tx) => {
        await lockCities(
          tx,
          group.map((city) => city.id),
        );
        return evaluateCities(tx, context, group, rules, now);
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
    summary = addSummaries(summary, result);
  }
  const followUps = await reconcileFollowUps(
    db,
    cities.map((city) => city.id),
    correlationId,
    now,
  );
  return { cities: cities.length, ...summary, ...followUps };
}

type PersonAction = (found: AlertWithContext, userId: string) => ActionResult;

async function actOnAlert(
  db: Db,
  context: EventContext,
  alertId: string,
  event: { type: EventType; extra: Prisma.InputJsonObject },
  action: PersonAction,
) {
  const userId = context.actor.id;
  if (context.actor.type !== "user" || userId === null)
    throw new AppError("FORBIDDEN", "Only a person can do this.");
  return db.$transaction(async (tx) => {
    const before = await findAlertWithContext(tx, alertId);
    if (!before) throw new AppError("NOT_FOUND", "No such alert.");
    await lockCities(tx, [before.city.id]);
    // Read again under the lock: an evaluation may have moved the alert on meanwhile.
    const found = await findAlertWithContext(tx, alertId);
    if (!found) throw new AppError("NOT_FOUND", "No such alert.");
    const result = action(found, userId);
    if (!result.ok) throw new AppError("UNPROCESSABLE", result.reason);
    if (!(await updateAlert(tx, found.alert, result.alert))) {
      throw new AppError("CONFLICT", "The alert changed meanwhile; reload and try again.");
    }
    const alert = { ...result.alert, id: found.alert.id, version: found.alert.version + 1 };
    await recordEvent(tx, context, {
      type: event.type,
      aggregateType: "alert",
      aggregateId: alert.id,
      payload: alertEventPayload(alert, found.rule, found.city, { by: userId, ...event.extra }),
    });
    return { id: alert.id, state: alert.state, version: alert.version };
  });
}

export function acknowledgeAlert(db: Db, context: EventContext, alertId: string, now = new Date()) {
  return actOnAlert(db, context, alertId, { type: "AlertAcknowledged", extra: {} }, (found, userId) =>
    acknowledge(found.alert, userId, now),
  );
}

export function silenceAlert(db: Db, context: EventContext, alertId: string, until: Date, now = new Date()) {
  return actOnAlert(
    db,
    context,
    alertId,
    { type: "AlertSilenced", extra: { until: until.toISOString() } },
    (found, userId) => silence(found.alert, until, userId, now),
  );
}

/** Recorded as AlertSilenced with `until: null`: the silence ends now. */
export function unsilenceAlert(db: Db, context: EventContext, alertId: string) {
  return actOnAlert(db, context, alertId, { type: "AlertSilenced", extra: { until: null } }, (found) =>
    unsilence(found.alert),
  );
}

export function resolveAlert(db: Db, context: EventContext, alertId: string, now = new Date()) {
  return actOnAlert(db, context, alertId, { type: "AlertResolved", extra: { manual: true } }, (found) =>
    resolveByPerson(found.alert, now),
  );
}
