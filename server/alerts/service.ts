import type { Db } from "../db/client.ts";
import { withTransaction, type Tx } from "../db/transaction.ts";
import { recordEvent, type DomainEventInput } from "../events/record.ts";
import type { EventType } from "../events/types.ts";
import { listCities, lockCities, type CityRecord } from "../indicators/cities.ts";
import { AppError } from "../lib/errors.ts";
import { actingUser, fixedClock, requirePermission, type ServiceContext } from "../lib/service-context.ts";
import type { AlertActionResult, AlertIdInput, SilenceInput } from "./contract.ts";
import { acknowledge, silence, unsilence, type ActionResult } from "./evaluator.ts";
import { alertEventPayload } from "./event-payload.ts";
import { addSummaries, EMPTY_SUMMARY, evaluateCities, type EvaluationSummary } from "./evaluation.ts";
import { resolveByPerson } from "./person-actions.ts";
import { enabledRules, findAlertWithContext, updateAlert, type AlertWithContext } from "./repository.ts";

// Alert evaluation entry points (after an ingest, on a schedule) and the actions a person takes on an alert.

// Few enough that an ingest waiting for one of these cities waits briefly; enough to save round trips.
const CITIES_PER_TRANSACTION = 10;

/** For a batch that just wrote these cities' indicators; the caller's transaction holds their locks. */
export async function evaluateAlertsForCities(
  tx: Tx,
  context: ServiceContext,
  cities: readonly CityRecord[],
): Promise<EvaluationSummary> {
  const rules = await enabledRules(
    tx,
    cities.map((city) => city.id),
  );
  return evaluateCities(tx, context, cities, rules);
}

/**
 * Every enabled rule for every city, for the transitions time alone causes (pending → firing, keep_firing_for
 * running out, a feed gone silent). Short transactions over a few cities each, under those cities' locks, so
 * overlapping runs (two instances, a slow run meeting the next) queue per city and the later one sees the
 * earlier one's alerts.
 */
export async function evaluateAllAlerts(
  db: Db,
  job: ServiceContext,
): Promise<EvaluationSummary & { cities: number }> {
  // One instant for the whole pass, however long its transactions take.
  const now = job.clock.now();
  const context: ServiceContext = { ...job, clock: fixedClock(now) };
  const [cities, rules] = await Promise.all([listCities(db), enabledRules(db)]);
  let summary = EMPTY_SUMMARY;
  for (let i = 0; i < cities.length; i += CITIES_PER_TRANSACTION) {
    const group = cities.slice(i, i + CITIES_PER_TRANSACTION);
    const result = await withTransaction(
      db,
      async (tx) => {
        await lockCities(
          tx,
          group.map((city) => city.id),
        );
        return evaluateCities(tx, context, group, rules);
      },
      { preset: "batch" },
    );
    summary = addSummaries(summary, result);
  }
  return { cities: cities.length, ...summary };
}

type PersonAction = (found: AlertWithContext, userId: string, now: Date) => ActionResult;

async function actOnAlert(
  db: Db,
  context: ServiceContext,
  alertId: string,
  event: { type: EventType; extra: DomainEventInput["payload"] },
  action: PersonAction,
): Promise<AlertActionResult> {
  requirePermission(context, "alerts:manage");
  const user = actingUser(context);
  if (!user) throw new AppError("FORBIDDEN", "Only a person can do this.");
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    const before = await findAlertWithContext(tx, alertId);
    if (!before) throw new AppError("NOT_FOUND", "No such alert.");
    await lockCities(tx, [before.city.id]);
    // Read again under the lock: an evaluation may have moved the alert on meanwhile.
    const found = await findAlertWithContext(tx, alertId);
    if (!found) throw new AppError("NOT_FOUND", "No such alert.");
    const result = action(found, user.id, now);
    if (!result.ok) throw new AppError("UNPROCESSABLE", result.reason);
    if (!(await updateAlert(tx, found.alert, result.alert))) {
      throw new AppError("CONFLICT", "The alert changed meanwhile; reload and try again.");
    }
    const alert = { ...result.alert, id: found.alert.id, version: found.alert.version + 1 };
    await recordEvent(tx, context, {
      type: event.type,
      aggregateType: "alert",
      aggregateId: alert.id,
      payload: alertEventPayload(alert, found.rule, found.city, { by: user.id, ...event.extra }),
    });
    return { id: alert.id, state: alert.state, version: alert.version };
  });
}

export function acknowledgeAlert(db: Db, context: ServiceContext, { alertId }: AlertIdInput) {
  return actOnAlert(db, context, alertId, { type: "AlertAcknowledged", extra: {} }, (found, userId, now) =>
    acknowledge(found.alert, userId, now),
  );
}

export function silenceAlert(db: Db, context: ServiceContext, { alertId, minutes }: SilenceInput) {
  const until = new Date(context.clock.now().getTime() + minutes * 60_000);
  return actOnAlert(
    db,
    context,
    alertId,
    { type: "AlertSilenced", extra: { until: until.toISOString() } },
    (found, userId, now) => silence(found.alert, until, userId, now),
  );
}

/** Recorded as AlertSilenced with `until: null`: the silence ends now. */
export function unsilenceAlert(db: Db, context: ServiceContext, { alertId }: AlertIdInput) {
  return actOnAlert(db, context, alertId, { type: "AlertSilenced", extra: { until: null } }, (found) =>
    unsilence(found.alert),
  );
}

export function resolveAlert(db: Db, context: ServiceContext, { alertId }: AlertIdInput) {
  return actOnAlert(
    db,
    context,
    alertId,
    { type: "AlertResolved", extra: { manual: true } },
    (found, _userId, now) => resolveByPerson(found.alert, now),
  );
}
