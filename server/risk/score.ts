import {
  isHistoryCondition,
  type AttributeCondition,
  type HistoryCondition,
  type Rule,
  type RuleSet,
  type Thresholds,
} from "./rule-set.ts";
import type { RiskLevel, RiskSignal, SignalAttributeValue } from "./types.ts";

export type ScorableSignal = Pick<RiskSignal, "type" | "attributes" | "observedAt" | "sourceEventId">;

export interface Contribution {
  ruleId: string;
  label: string;
  labelJa?: string;
  /** Signed points this rule added; negative for mitigating rules. */
  points: number;
  /** Attribute rules: case signals that matched. History rules: signals in the busiest window. */
  matchedSignals: number;
  /** True when the rule hit its cap, i.e. more matches would not have added points. */
  capped: boolean;
}

/**
 * Clamping is reported, never hidden: `rawScore` is exactly the sum of `contributions[].points`,
 * `score` is `rawScore` clamped into 0–100, and `clamped` says whether the two differ.
 */
export interface ScoreResult {
  score: number;
  rawScore: number;
  clamped: boolean;
  level: RiskLevel;
  /** Only the rules that matched, in rule-set order. */
  contributions: Contribution[];
}

const HOUR_MS = 3_600_000;

export function levelFor(score: number, thresholds: Thresholds): RiskLevel {
  if (score >= thresholds.critical) return "critical";
  if (score >= thresholds.high) return "high";
  if (score >= thresholds.medium) return "medium";
  return "low";
}

export function compareAttribute(
  actual: SignalAttributeValue | undefined,
  op: AttributeCondition["op"],
  expected: SignalAttributeValue,
): boolean {
  // A missing attribute never matches, not even "!=": absent data must not add (or remove) points.
  if (actual === undefined) return false;
  if (op === "==") return actual === expected;
  if (op === "!=") return actual !== expected;
  if (typeof actual !== "number" || typeof expected !== "number") return false;
  switch (op) {
    case ">=":
      return actual >= expected;
    case ">":
      return actual > expected;
    case "<=":
      return actual <= expected;
    case "<":
      return actual < expected;
  }
}

function attributeOf(signal: ScorableSignal, name: string): SignalAttributeValue | undefined {
  return Object.hasOwn(signal.attributes, name) ? signal.attributes[name] : undefined;
}

function appliesTo(rule: Rule, signal: ScorableSignal): boolean {
  return rule.signalType === undefined || rule.signalType === signal.type;
}

function countedType(rule: Rule, condition: HistoryCondition): RiskSignal["type"] | undefined {
  return condition.history.signalType ?? rule.signalType;
}

/**
 * Whether `signal` can affect `rule`'s contribution: for an attribute rule, the signal matches
 * it; for a history rule, the signal is one the rule anchors on or counts.
 */
export function matchesRule(rule: Rule, signal: ScorableSignal): boolean {
  const { condition } = rule;
  if (isHistoryCondition(condition)) {
    const counted = countedType(rule, condition);
    return appliesTo(rule, signal) || counted === undefined || counted === signal.type;
  }
  return (
    appliesTo(rule, signal) &&
    compareAttribute(attributeOf(signal, condition.attribute), condition.op, condition.value)
  );
}

function uniqueBySourceEvent(signals: readonly ScorableSignal[]): ScorableSignal[] {
  const byId = new Map<string, ScorableSignal>();
  for (const signal of signals) if (!byId.has(signal.sourceEventId)) byId.set(signal.sourceEventId, signal);
  return [...byId.values()];
}

/**
 * Largest number of counted signals in the `windowHours` that end at (and include) one of the
 * case's signals. Looking back from every case signal, rather than from the latest one only,
 * keeps the score monotonic: a new signal can open a window but never closes an earlier one.
 */
function busiestWindow(
  rule: Rule,
  condition: HistoryCondition,
  caseSignals: ScorableSignal[],
  pool: ScorableSignal[],
) {
  const counted = countedType(rule, condition);
  const windowMs = condition.history.windowHours * HOUR_MS;
  const times = pool
    .filter((s) => counted === undefined || s.type === counted)
    .map((s) => s.observedAt.getTime());
  let busiest = 0;
  for (const anchor of caseSignals) {
    if (!appliesTo(rule, anchor)) continue;
    const end = anchor.observedAt.getTime();
    const inWindow = times.filter((t) => t <= end && t > end - windowMs).length;
    busiest = Math.max(busiest, inWindow);
  }
  return busiest;
}

function contributionOf(
  rule: Rule,
  caseSignals: ScorableSignal[],
  pool: ScorableSignal[],
): Contribution | null {
  const { condition } = rule;
  let matched: number;
  let magnitude: number;
  if (isHistoryCondition(condition)) {
    matched = busiestWindow(rule, condition, caseSignals, pool);
    if (matched < condition.history.minCount) return null;
    magnitude = Math.abs(rule.weight);
  } else {
    matched = caseSignals.filter((signal) => matchesRule(rule, signal)).length;
    if (matched === 0) return null;
    magnitude = Math.abs(rule.weight) * matched;
  }
  const points = Math.sign(rule.weight) * Math.min(magnitude, rule.cap);
  return {
    ruleId: rule.id,
    label: rule.label,
    ...(rule.labelJa === undefined ? {} : { labelJa: rule.labelJa }),
    points,
    matchedSignals: matched,
    capped: magnitude > rule.cap,
  };
}

/**
 * Scores one case. `signals` are the case's own signals; `history` holds the subject's earlier
 * signals, which only history rules look at (a signal present in both counts once).
 */
export function scoreCase(
  ruleSet: Pick<RuleSet, "rules" | "thresholds">,
  signals: readonly ScorableSignal[],
  history: readonly ScorableSignal[] = [],
): ScoreResult {
  const caseSignals = uniqueBySourceEvent(signals);
  const pool = uniqueBySourceEvent([...caseSignals, ...history]);
  const contributions = ruleSet.rules
    .map((rule) => contributionOf(rule, caseSignals, pool))
    .filter((c): c is Contribution => c !== null);
  const rawScore = contributions.reduce((sum, c) => sum + c.points, 0);
  const score = Math.min(100, Math.max(0, Math.round(rawScore)));
  return {
    score,
    rawScore,
    clamped: rawScore < 0 || rawScore > 100,
    level: levelFor(score, ruleSet.thresholds),
    contributions,
  };
}
