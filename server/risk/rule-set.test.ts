import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_RULE_SET, historyWindowHours, parseRuleSet, type RuleSet } from "./rule-set.ts";
import { ruleSetArb } from "./test-support.ts";
import { RISK_TYPES } from "./types.ts";

const base = (): RuleSet => structuredClone(DEFAULT_RULE_SET);

function errorsOf(json: unknown) {
  const result = parseRuleSet(json);
  if (result.ok) throw new Error("expected the rule set to be refused");
  return result.errors;
}

describe("DEFAULT_RULE_SET", () => {
  it("passes its own schema, also after a JSON round trip (as stored in the database)", () => {
    expect(parseRuleSet(DEFAULT_RULE_SET)).toEqual({ ok: true, ruleSet: DEFAULT_RULE_SET });
    expect(parseRuleSet(JSON.parse(JSON.stringify(DEFAULT_RULE_SET)))).toEqual({
      ok: true,
      ruleSet: DEFAULT_RULE_SET,
    });
  });

  it("covers every risk type, labels every rule in Japanese and has mitigating rules", () => {
    for (const type of RISK_TYPES)
      expect(DEFAULT_RULE_SET.rules.some((r) => r.signalType === type)).toBe(true);
    expect(DEFAULT_RULE_SET.rules.every((r) => (r.labelJa ?? "").length > 0)).toBe(true);
    expect(DEFAULT_RULE_SET.rules.some((r) => r.weight < 0)).toBe(true);
    expect(DEFAULT_RULE_SET.rules.some((r) => "history" in r.condition)).toBe(true);
  });
});

describe("parseRuleSet", () => {
  it("accepts every generated well-formed rule set", () => {
    fc.assert(fc.property(ruleSetArb, (ruleSet) => parseRuleSet(ruleSet).ok));
  });

  it("names the field of an attribute-condition error", () => {
    const json = base();
    Object.assign(json.rules[0] ?? {}, { condition: { attribute: "ordersLast1h", op: "=>", value: 6 } });
    expect(errorsOf(json)).toEqual([
      { path: "rules[0].condition.op", message: "must be one of >= > == <= < !=" },
    ]);
  });

  it("requires a number for ordering comparisons", () => {
    const json = base();
    Object.assign(json.rules[1] ?? {}, { condition: { attribute: "amountJpy", op: ">=", value: "30000" } });
    expect(errorsOf(json)).toEqual([
      { path: "rules[1].condition.value", message: 'must be a number when op is ">="' },
    ]);
  });

  it("reports only the history branch for a history condition", () => {
    const json = base();
    Object.assign(json.rules[0] ?? {}, { condition: { history: { windowHours: 0, minCount: 1.5 } } });
    expect(errorsOf(json)).toEqual([
      { path: "rules[0].condition.history.windowHours", message: "must be greater than 0" },
      { path: "rules[0].condition.history.minCount", message: "must be a whole number" },
    ]);
  });

  it("explains the two condition forms when the condition is not an object", () => {
    const json = base();
    Object.assign(json.rules[2] ?? {}, { condition: "ordersLast1h >= 6" });
    expect(errorsOf(json)).toEqual([
      {
        path: "rules[2].condition",
        message: "must be { attribute, op, value } or { history: { windowHours, minCount, signalType? } }",
      },
    ]);
  });

  it("refuses zero weights, caps below the weight and duplicate ids", () => {
    const json = base();
    Object.assign(json.rules[0] ?? {}, { weight: 0 });
    Object.assign(json.rules[1] ?? {}, { weight: -30, cap: 20 });
    Object.assign(json.rules[2] ?? {}, { id: json.rules[0]?.id });
    expect(errorsOf(json)).toEqual([
      { path: "rules[0].weight", message: "must not be 0 (delete the rule instead)" },
      { path: "rules[1].cap", message: "must be at least |weight| (30)" },
      { path: "rules[2].id", message: 'duplicates rule id "oa_order_burst"' },
    ]);
  });

  it("says which condition fields are missing or mistyped", () => {
    const json = base();
    Object.assign(json.rules[0] ?? {}, { condition: { op: "==", value: null } });
    expect(errorsOf(json)).toEqual([
      { path: "rules[0].condition.attribute", message: "is required" },
      { path: "rules[0].condition.value", message: "must be a number, a string or a boolean" },
    ]);
  });

  it("refuses unknown signal types and unknown keys (typos)", () => {
    const json = base();
    Object.assign(json.rules[0] ?? {}, { signalType: "refunds", wieght: 5 });
    expect(errorsOf(json).map((e) => e.path)).toEqual(["rules[0].signalType", "rules[0]"]);
  });

  it("requires strictly increasing thresholds within 0–100", () => {
    expect(errorsOf({ ...base(), thresholds: { medium: 40, high: 40, critical: 101 } })).toEqual([
      { path: "thresholds.critical", message: "must be at most 100" },
      { path: "thresholds.high", message: "must be greater than medium (40)" },
    ]);
    expect(errorsOf({ ...base(), thresholds: { medium: 50, high: 40, critical: 30 } })).toEqual([
      { path: "thresholds.high", message: "must be greater than medium (50)" },
      { path: "thresholds.critical", message: "must be greater than high (40)" },
    ]);
  });

  it("reports missing parts at the root", () => {
    expect(errorsOf({ version: 2, rules: [] })).toEqual([
      { path: "rules", message: "must contain at least one rule" },
      { path: "thresholds", message: "is required" },
    ]);
    expect(errorsOf(null)).toEqual([
      { path: "(root)", message: "Invalid input: expected object, received null" },
    ]);
  });
});

describe("historyWindowHours", () => {
  it("is the longest history window, or 0 without history rules", () => {
    expect(historyWindowHours(DEFAULT_RULE_SET)).toBe(168);
    expect(
      historyWindowHours({ rules: DEFAULT_RULE_SET.rules.filter((r) => !("history" in r.condition)) }),
    ).toBe(0);
  });
});
