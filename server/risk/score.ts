import { upperBound } from "../lib/sorted.ts";
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

/** A signal as history rules read it: they count signals by type and time, never by attribute. */
export type HistorySignal = Pick<ScorableSignal, "type" | "observedAt" | "sourceEventId">;

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

function appliesTo(rule: Rule, signal: HistorySignal): boolean {
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

function uniqueBySourceEvent<T extends HistorySignal>(signals: readonly T[]): T[] {
  const byId = new Map<string, T>();
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
  anchors: readonly HistorySignal[],
  pool: readonly HistorySignal[],
) {
  const counted = countedType(rule, condition);
  const windowMs = condition.history.windowHours * HOUR_MS;
  const times = pool
    .filter((s) => counted === undefined || s.type === counted)
    .map((s) => s.observedAt.getTime())
    .sort((a, b) => a - b);
  let busiest = 0;
  for (const anchor of anchors) {
    if (!appliesTo(rule, anchor)) continue;
    const end = anchor.observedAt.getTime();
    busiest = Math.max(busiest, upperBound(times, end) - upperBound(times, end - windowMs));
  }
  return busiest;
}

/**
 * A case's earlier signals as a re-score can take them without their attributes: by type and time (history
 * rules anchor on them), with each attribute rule's matches among them counted already. Only the case's stored
 * contributions under the same rule-set version count them right (see storedMatches).
 */
export interface ScoredSignals {
  signals: readonly HistorySignal[];
  matches: ReadonlyMap<string, number>;
}

/** The matches per rule in contributions scoreCase made: every attribute rule that matched is listed. */
export function storedMatches(contributions: readonly Contribution[]): Map<string, number> {
  return new Map(contributions.map((c) => [c.ruleId, c.matchedSignals]));
}

function contributionOf(
  rule: Rule,
  evidence: {
    signals: readonly ScorableSignal[];
    anchors: readonly HistorySignal[];
    pool: readonly HistorySignal[];
  },
  scored: ScoredSignals | undefined,
): Contribution | null {
  const { condition } = rule;
  let matched: number;
  let magnitude: number;
  if (isHistoryCondition(condition)) {
    matched = busiestWindow(rule, condition, evidence.anchors, evidence.pool);
    if (matched < condition.history.minCount) return null;
    magnitude = Math.abs(rule.weight);
  } else {
    matched =
      (scored?.matches.get(rule.id) ?? 0) +
      evidence.signals.filter((signal) => matchesRule(rule, signal)).length;
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
 * signals, which only history rules look at (a signal present in both counts once). `scored`, when
 * given, are the case's other signals, already counted (ScoredSignals).
 */
export function scoreCase(
  ruleSet: Pick<RuleSet, "rules" | "thresholds">,
  signals: readonly ScorableSignal[],
  history: readonly HistorySignal[] = [],
  scored?: ScoredSignals,
): ScoreResult {
  const caseSignals = uniqueBySourceEvent(signals);
  const anchors = uniqueBySourceEvent<HistorySignal>([...(scored?.signals ?? []), ...caseSignals]);
  const evidence = { signals: caseSignals, anchors, pool: uniqueBySourceEvent([...anchors, ...history]) };
  const contributions = ruleSet.rules
    .map((rule) => contributionOf(rule, evidence, scored))
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
