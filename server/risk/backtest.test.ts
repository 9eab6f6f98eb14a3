import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backtest, labelFromResolution, type BacktestCase } from "./backtest.ts";
import { DEFAULT_RULE_SET, type RuleSet } from "./rule-set.ts";
import { scoreCase } from "./score.ts";
import { ruleSetArb, signal, signalsArb } from "./test-support.ts";

// The draft weighs refund amounts a third as much and drops the new-account rule.
const draft: RuleSet = {
  ...DEFAULT_RULE_SET,
  version: 2,
  rules: DEFAULT_RULE_SET.rules
    .filter((r) => r.id !== "ra_new_account")
    .map((r) => (r.id === "ra_refund_amount" ? { ...r, weight: 5, cap: 10 } : r)),
};

function refundCase(
  id: string,
  attributes: Record<string, number>,
  extra: Partial<BacktestCase> = {},
  signalCount = 1,
): BacktestCase {
  const signals = Array.from({ length: signalCount }, () => signal("refund_abuse", attributes));
  return { id, signals, currentLevel: scoreCase(DEFAULT_RULE_SET, signals).level, ...extra };
}

describe("backtest", () => {
  const suspicious = { refundCount24h: 3, amountJpy: 12000, accountAgeDays: 3 };
  const cases = [
    // 25 + 15 + 20 = 60 (medium) → 25 + 5 = 30 (low)
    refundCase("fp", suspicious, { label: "false_positive" }),
    // two signals: 50 + 30 + 20 = 100 (critical) → 50 + 10 = 60 (medium)
    refundCase("fraud", suspicious, { label: "confirmed_fraud" }, 2),
    // 25 (low) under both
    refundCase("same", { refundCount24h: 3, amountJpy: 100, accountAgeDays: 400 }),
  ];

  it("counts level transitions between the published and the draft rules", () => {
    const report = backtest(draft, DEFAULT_RULE_SET, cases);
    expect(report).toMatchObject({
      total: 3,
      changed: 2,
      raised: 0,
      lowered: 2,
      byTransition: { "medium->low": 1, "critical->medium": 1 },
      falsePositivesNowBelowMedium: 1,
      confirmedFraudNowBelowMedium: 0,
      labeled: { falsePositive: 1, confirmedFraud: 1 },
      driftFromCurrent: 0,
    });
    expect(report.examples[0]).toEqual({
      id: "fp",
      label: "false_positive",
      currentLevel: "medium",
      publishedScore: 60,
      publishedLevel: "medium",
      draftScore: 30,
      draftLevel: "low",
    });
  });

  it("flags confirmed fraud the draft would drop below medium", () => {
    const fraud = refundCase(
      "missed",
      { refundCount24h: 3, amountJpy: 12000, accountAgeDays: 3 },
      { label: "confirmed_fraud" },
    );
    expect(backtest(draft, DEFAULT_RULE_SET, [fraud]).confirmedFraudNowBelowMedium).toBe(1);
  });

  it("reports cases whose stored level no longer matches the published rules", () => {
    const stale = { ...refundCase("stale", { refundCount24h: 3 }), currentLevel: "high" as const };
    expect(backtest(DEFAULT_RULE_SET, DEFAULT_RULE_SET, [stale])).toMatchObject({
      changed: 0,
      driftFromCurrent: 1,
    });
  });

  it("keeps only the first N changed cases as examples", () => {
    const many = Array.from({ length: 5 }, (_, i) => refundCase(`c${i}`, suspicious));
    const report = backtest(draft, DEFAULT_RULE_SET, many, { exampleLimit: 2 });
    expect(report.changed).toBe(5);
    expect(report.examples.map((e) => e.id)).toEqual(["c0", "c1"]);
  });

  it("changes nothing when the draft equals the published rules", () => {
    const caseArb = fc.record({
      id: fc.uuid(),
      signals: signalsArb("s"),
      currentLevel: fc.constant("low" as const),
    });
    fc.assert(
      fc.property(ruleSetArb, fc.array(caseArb, { maxLength: 5 }), (rs, cs) => {
        const report = backtest(rs, rs, cs);
        return report.changed === 0 && report.examples.length === 0 && report.raised + report.lowered === 0;
      }),
    );
  });

  it("keeps changed = raised + lowered = sum of transitions", () => {
    const caseArb = fc.record({
      id: fc.uuid(),
      signals: signalsArb("s"),
      currentLevel: fc.constant("low" as const),
    });
    fc.assert(
      fc.property(ruleSetArb, ruleSetArb, fc.array(caseArb, { maxLength: 5 }), (a, b, cs) => {
        const report = backtest(a, b, cs);
        const sum = Object.values(report.byTransition).reduce((n, k) => n + k, 0);
        return report.changed === report.raised + report.lowered && report.changed === sum;
      }),
    );
  });
});

describe("labelFromResolution", () => {
  it("feeds false-positive and confirmed-fraud closures back as labels", () => {
    expect(labelFromResolution("false_positive")).toBe("false_positive");
    expect(labelFromResolution("confirmed_fraud")).toBe("confirmed_fraud");
    expect(labelFromResolution("mitigated")).toBeUndefined();
    expect(labelFromResolution(null)).toBeUndefined();
  });
});
