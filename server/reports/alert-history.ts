import { text, type HistoryEvent } from "./history.ts";

// An alert's response as its events tell it: fired (AlertTriggered, with city and rule), acknowledged, resolved.
// An alert that resolved while still pending never fired and has no fact.

export interface AlertFact {
  alertId: string;
  cityId: string;
  city: string;
  ruleId: string;
  ruleName: string;
  severity: string;
  firedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
}

export function foldAlert(alertId: string, events: readonly HistoryEvent[]): AlertFact | null {
  const fired = events.find((event) => event.type === "AlertTriggered");
  if (fired === undefined) return null;
  const firedAtText = text(fired.payload, "firedAt");
  const fact: AlertFact = {
    alertId,
    cityId: text(fired.payload, "cityId") ?? "unknown",
    city: text(fired.payload, "city") ?? "unknown",
    ruleId: text(fired.payload, "ruleId") ?? "unknown",
    ruleName: text(fired.payload, "ruleName") ?? "unknown",
    severity: text(fired.payload, "severity") ?? "unknown",
    firedAt: firedAtText === null ? fired.occurredAt : new Date(firedAtText),
    acknowledgedAt: null,
    resolvedAt: null,
  };
  for (const event of events) {
    if (event.seq <= fired.seq) continue;
    if (event.type === "AlertAcknowledged") fact.acknowledgedAt ??= event.occurredAt;
    if (event.type === "AlertResolved") fact.resolvedAt ??= event.occurredAt;
  }
  return fact;
}

const DAY_MS = 86_400_000;

/** Minutes the alert was firing within each UTC day it overlaps, up to `until` while it is still open. */
export function alertMinutesByDay(fact: AlertFact, until: Date): Map<string, number> {
  const result = new Map<string, number>();
  const end = (fact.resolvedAt ?? until).getTime();
  let start = fact.firedAt.getTime();
  while (start < end) {
    const dayStart = Math.floor(start / DAY_MS) * DAY_MS;
    const stop = Math.min(end, dayStart + DAY_MS);
    const day = new Date(dayStart).toISOString().slice(0, 10);
    result.set(day, (result.get(day) ?? 0) + (stop - start) / 60_000);
    start = stop;
  }
  return result;
}
