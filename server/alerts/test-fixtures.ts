import { BUCKET_MS } from "../indicators/metrics.ts";
import { evaluateCondition, type ConditionResult, type Series, type SeriesPoint } from "./condition.ts";
import { evaluate, type AlertInstance, type Evaluation } from "./evaluator.ts";
import {
  alertRuleSchema,
  type AlertRule,
  type ChangeRule,
  type NoDataRule,
  type ThresholdRule,
} from "./rules.ts";

// Shared by the alert tests: a fake clock, rule builders and series builders. Not imported by production code.

export const RULE_ID = "0190d5a8-7b3c-7def-8123-456789abcdef";
export const CITY_ID = "0190d5a8-7b3c-7def-8123-0000000000a1";
export const USER_ID = "0190d5a8-7b3c-7def-8123-0000000000b1";

/** Monday 2026-03-02 12:00 in Tokyo; bucket-aligned. */
export const T0 = new Date("2026-03-02T03:00:00Z");

const MINUTE = 60_000;

export function at(minutes: number, start: Date = T0): Date {
  return new Date(start.getTime() + minutes * MINUTE);
}

/** A fake clock the tests advance by hand. */
function fakeClock(start: Date = T0) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(minutes: number): Date {
      current += minutes * MINUTE;
      return new Date(current);
    },
  };
}

const base = {
  id: RULE_ID,
  name: "Test rule",
  cityId: CITY_ID,
  severity: "warning",
  forSeconds: 0,
  keepFiringForSeconds: 0,
};

function parse<R extends AlertRule>(input: Record<string, unknown>): R {
  return alertRuleSchema.parse(input) as R;
}

export function thresholdRule(overrides: Partial<ThresholdRule> = {}): ThresholdRule {
  return parse({
    ...base,
    kind: "threshold",
    metric: "avg_delivery_minutes",
    operator: "above",
    threshold: 45,
    ...overrides,
  });
}

export function changeRule(overrides: Partial<ChangeRule> = {}): ChangeRule {
  return parse({
    ...base,
    kind: "change",
    metric: "orders",
    operator: "drop",
    changePercent: 20,
    comparisonWindow: "previous_hour",
    ...overrides,
  });
}

export function noDataRule(overrides: Partial<NoDataRule> = {}): NoDataRule {
  return parse({ ...base, kind: "no_data", metric: "orders", noDataMinutes: 15, ...overrides });
}

/** One point per consecutive 5-minute bucket, the first at `start`. */
export function buckets(values: readonly number[], start: Date): SeriesPoint[] {
  return values.map((value, i) => ({ bucketStart: new Date(start.getTime() + i * BUCKET_MS), value }));
}

export function breach(value: number | null = 1): ConditionResult {
  return { breaching: true, recovered: false, value, explanation: { en: "breach", ja: "breach" } };
}

export function clear(value: number | null = 0): ConditionResult {
  return { breaching: false, recovered: true, value, explanation: { en: "clear", ja: "clear" } };
}

/** Neither breaching nor recovered: no data, or inside the hysteresis band. */
export function between(value: number | null = null): ConditionResult {
  return { breaching: false, recovered: false, value, explanation: { en: "between", ja: "between" } };
}

/** Drives one (rule, city) through evaluations on a fake clock, keeping the stored alert like the repository would. */
export function machine(rule: AlertRule) {
  const clock = fakeClock();
  let alert: AlertInstance | null = null;
  const log: Array<{ minute: number; transition: Evaluation["transition"] }> = [];
  return {
    clock,
    get alert(): AlertInstance | null {
      return alert;
    },
    /** What a person's action (acknowledge, silence) writes between evaluations. */
    set alert(value: AlertInstance | null) {
      alert = value;
    },
    log,
    /** Advances the clock by `minutes`, then evaluates `result` (or the condition computed at the new time). */
    step(result: ConditionResult | ((now: Date) => ConditionResult), minutes = 5): Evaluation {
      const now = clock.advance(minutes);
      const evaluation = evaluate(
        alert,
        typeof result === "function" ? result(now) : result,
        rule,
        now,
        CITY_ID,
      );
      alert = evaluation.next;
      log.push({ minute: (now.getTime() - T0.getTime()) / 60_000, transition: evaluation.transition });
      return evaluation;
    },
    /** Advances the clock, then evaluates the real condition against `series`. */
    observe(series: Series | ((now: Date) => Series), minutes = 5): Evaluation {
      return this.step(
        (now) => evaluateCondition(rule, typeof series === "function" ? series(now) : series, now),
        minutes,
      );
    },
  };
}
