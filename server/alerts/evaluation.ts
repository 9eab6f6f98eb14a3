import type { Tx } from "../db/transaction.ts";
import { recordEvent } from "../events/record.ts";
import type { CityRecord } from "../indicators/cities.ts";
import { lastUpdates, seriesPoints } from "../indicators/read.ts";
import { logger } from "../lib/logger.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { evaluateCondition, type ConditionResult } from "./condition.ts";
import { evaluate, openKey, type Evaluation } from "./evaluator.ts";
import { alertEventPayload, alertTriggeredExtra } from "./event-payload.ts";
import { endAlert } from "./orphans.ts";
import { applyAlertChanges, type AlertChanges } from "./evaluation-repository.ts";
import { openAlerts, type StoredAlert } from "./repository.ts";
import type { AlertRule } from "./rules.ts";
import { evaluationWindows, groupSeries } from "./series-windows.ts";

// One evaluation pass over some cities: load the windows the rules read, run the state machine for every
// (rule, city), store what changed and record the events. The caller holds the cities' locks.

export interface EvaluationSummary {
  evaluated: number;
  triggered: number;
  resolved: number;
}

export const EMPTY_SUMMARY: EvaluationSummary = { evaluated: 0, triggered: 0, resolved: 0 };

export function addSummaries(a: EvaluationSummary, b: EvaluationSummary): EvaluationSummary {
  return {
    evaluated: a.evaluated + b.evaluated,
    triggered: a.triggered + b.triggered,
    resolved: a.resolved + b.resolved,
  };
}

interface Pair {
  city: CityRecord;
  rule: AlertRule;
}

async function recordTransition(
  tx: Tx,
  context: ServiceContext,
  pair: Pair,
  alert: StoredAlert,
  step: Evaluation,
  condition: ConditionResult,
): Promise<void> {
  if (step.event === null) return;
  await recordEvent(tx, context, {
    type: step.event,
    aggregateType: "alert",
    aggregateId: alert.id,
    payload: alertEventPayload(alert, pair.rule, pair.city, {
      notify: step.notify,
      explanation: condition.explanation,
      ...(step.event === "AlertTriggered"
        ? alertTriggeredExtra(alert, pair.rule, pair.city, alert.firedAt ?? alert.lastEvaluatedAt)
        : {}),
    }),
  });
}

async function loadSeries(tx: Tx, pairs: readonly Pair[], rules: readonly AlertRule[], now: Date) {
  if (pairs.length === 0) return groupSeries([], []);
  const cityIds = [...new Set(pairs.map((pair) => pair.city.id))];
  const metrics = [...new Set(pairs.map((pair) => pair.rule.metric))];
  const points = await seriesPoints(tx, cityIds, metrics, evaluationWindows(rules, now));
  const noDataKeys = pairs
    .filter((pair) => pair.rule.kind === "no_data")
    .map((pair) => ({ cityId: pair.city.id, metric: pair.rule.metric }));
  return groupSeries(points, noDataKeys.length > 0 ? await lastUpdates(tx, noDataKeys) : []);
}

export async function evaluateCities(
  tx: Tx,
  context: ServiceContext,
  cities: readonly CityRecord[],
  rules: readonly AlertRule[],
): Promise<EvaluationSummary> {
  const now = context.clock.now();
  const pairs: Pair[] = cities.flatMap((city) =>
    rules.filter((rule) => rule.cityId === null || rule.cityId === city.id).map((rule) => ({ city, rule })),
  );
  const seriesOf = await loadSeries(tx, pairs, rules, now);
  const open = new Map(
    (
      await openAlerts(
        tx,
        cities.map((city) => city.id),
      )
    ).map((alert) => [alert.openKey, alert]),
  );

  const summary = { ...EMPTY_SUMMARY };
  const changes: AlertChanges = { inserts: [], updates: [], deletes: [] };
  const transitions: { pair: Pair; step: Evaluation; condition: ConditionResult }[] = [];
  for (const pair of pairs) {
    const previous = open.get(openKey(pair.rule.id, pair.city.id)) ?? null;
    // An overlapping run with a later clock got here first: its result stands.
    if (previous !== null && previous.lastEvaluatedAt.getTime() > now.getTime()) continue;
    const condition = evaluateCondition(pair.rule, seriesOf(pair.city.id, pair.rule.metric), now);
    const step = evaluate(previous, condition, pair.rule, now, pair.city.id);
    summary.evaluated += 1;
    // A pending alert that stopped breaching is dropped: nothing was announced, so nothing resolves.
    if (step.next === null) {
      if (previous !== null) changes.deletes.push(previous);
    } else if (previous === null) changes.inserts.push(step.next);
    else changes.updates.push({ previous, next: step.next });
    if (step.event !== null) transitions.push({ pair, step, condition });
  }
  const stored = await applyAlertChanges(tx, changes);
  for (const { pair, step, condition } of transitions) {
    const alert = stored.get(openKey(pair.rule.id, pair.city.id));
    // Unreachable while every writer holds the city lock; skipping keeps one stray write from failing a batch.
    if (!alert) {
      logger.warn({ ruleId: pair.rule.id, cityId: pair.city.id }, "alert changed during evaluation; skipped");
      continue;
    }
    await recordTransition(tx, context, pair, alert, step, condition);
    if (step.event === "AlertTriggered") summary.triggered += 1;
    if (step.event === "AlertResolved") summary.resolved += 1;
  }
  // Alerts of rules that were disabled or no longer cover the city would otherwise stay open forever.
  const covered = new Set(pairs.map((pair) => openKey(pair.rule.id, pair.city.id)));
  for (const [key, alert] of open) {
    if (
      key !== null &&
      !covered.has(key) &&
      (await endAlert(tx, context, alert.id, "rule_no_longer_applies"))
    ) {
      summary.resolved += 1;
    }
  }
  return summary;
}
