import { alertMinutesByDay, type AlertFact } from "./alert-history.ts";
import type { ReportRow } from "./contract.ts";
import { minutesBetween, type RiskCaseFact } from "./risk-history.ts";
import { statistic, summarize, type Measured } from "./statistics.ts";
import { groupBy } from "../lib/group-by.ts";

// Risk and alert reports, grouped in memory from the folded histories of the period's cases and alerts (tens of
// thousands at most; the ticket reports, at millions, aggregate in SQL instead).

const DAY = (at: Date) => at.toISOString().slice(0, 10);

const duration = (value: number | null): Measured => ({ value, met: null });

export function riskGroupKey(fact: RiskCaseFact, dimension: string): string {
  switch (dimension) {
    case "type":
      return fact.type;
    case "level":
      return fact.level;
    case "ruleSetVersion":
      return fact.ruleSetVersion === null ? "none" : `v${fact.ruleSetVersion}`;
    default:
      return DAY(fact.detectedAt);
  }
}

function riskFigures(facts: readonly RiskCaseFact[]) {
  const closed = facts.filter((fact) => fact.closedAt !== null);
  return {
    timeToAcknowledge: summarize(
      facts.map((f) => duration(minutesBetween(f.detectedAt, f.acknowledgedAt))),
      false,
    ),
    timeToMitigate: summarize(
      facts.map((f) => duration(minutesBetween(f.detectedAt, f.mitigatedAt))),
      false,
    ),
    timeToClose: summarize(
      facts.map((f) => duration(minutesBetween(f.detectedAt, f.closedAt))),
      false,
    ),
    // Each closed case is decided: the numerator is the false positives; open cases are the exclusions.
    falsePositiveRate: statistic({
      count: closed.length,
      met: closed.filter((fact) => fact.resolution === "false_positive").length,
      excluded: facts.length - closed.length,
    }),
  };
}

export function riskRows(
  facts: readonly RiskCaseFact[],
  dimension: string,
): { rows: ReportRow[]; total: ReportRow } {
  const rows = [...groupBy(facts, (fact) => riskGroupKey(fact, dimension))].map(([key, group]) => ({
    key,
    label: key,
    figures: riskFigures(group),
  }));
  return { rows, total: { key: "total", label: "Total", figures: riskFigures(facts) } };
}

export function alertGroupKey(fact: AlertFact, dimension: string): string {
  if (dimension === "city") return fact.cityId;
  if (dimension === "rule") return fact.ruleId;
  return DAY(fact.firedAt);
}

function alertFigures(facts: readonly AlertFact[]) {
  return {
    mtta: summarize(
      facts.map((f) => duration(minutesBetween(f.firedAt, f.acknowledgedAt))),
      false,
    ),
    mttr: summarize(
      facts.map((f) => duration(minutesBetween(f.firedAt, f.resolvedAt))),
      false,
    ),
  };
}

export function alertRows(
  facts: readonly AlertFact[],
  dimension: string,
  labelOf: (key: string, sample: AlertFact) => string,
): { rows: ReportRow[]; total: ReportRow } {
  const rows = [...groupBy(facts, (fact) => alertGroupKey(fact, dimension))].map(([key, group]) => ({
    key,
    label: labelOf(key, group[0] as AlertFact),
    figures: alertFigures(group),
  }));
  return { rows, total: { key: "total", label: "Total", figures: alertFigures(facts) } };
}

/** Alert minutes per city and UTC day within [from, to), open alerts counted up to `now`. */
export function alertMinutesByCityDay(
  facts: readonly AlertFact[],
  range: { from: Date; to: Date },
  now: Date,
): Map<string, number> {
  const result = new Map<string, number>();
  const first = DAY(range.from);
  const last = DAY(new Date(range.to.getTime() - 1));
  for (const fact of facts) {
    for (const [day, minutes] of alertMinutesByDay(fact, now)) {
      if (day < first || day > last) continue;
      const key = `${fact.cityId}|${day}`;
      result.set(key, (result.get(key) ?? 0) + minutes);
    }
  }
  return result;
}
