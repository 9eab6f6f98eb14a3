import type { Rule } from "@/server/risk/rule-set";

/** A rule's condition in one line, e.g. "refundCount24h >= 3" or "3+ signals in 24 h" (localised by the caller). */
export function conditionText(rule: Rule, historyText: (count: number, hours: number) => string): string {
  const { condition } = rule;
  if ("history" in condition) {
    const type = condition.history.signalType ? ` (${condition.history.signalType})` : "";
    return historyText(condition.history.minCount, condition.history.windowHours) + type;
  }
  return `${condition.attribute} ${condition.op} ${String(condition.value)}`;
}

/** Everything that changes how a rule scores, for side-by-side comparison. */
export function ruleFingerprint(rule: Rule): string {
  return JSON.stringify([rule.signalType ?? null, rule.condition, rule.weight, rule.cap]);
}
