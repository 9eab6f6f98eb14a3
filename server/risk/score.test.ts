import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_RULE_SET, type Rule, type RuleSet } from "./rule-set.ts";
import { compareAttribute, levelFor, matchesRule, scoreCase, storedMatches } from "./score.ts";
import { hoursAfter, ruleSetArb, signal, signalArb, signalsArb } from "./test-support.ts";

const rule = (overrides: Partial<Rule> & Pick<Rule, "id" | "condition">): Rule => ({
  label: overrides.id,
  weight: 10,
  cap: 10,
  ...overrides,
});
const ruleSet = (rules: Rule[]): RuleSet => ({
  version: 9,
  rules,
  thresholds: { medium: 40, high: 70, critical: 90 },
});

describe("levelFor", () => {
  it("uses each threshold as the lowest score of its level", () => {
    const t = { medium: 40, high: 70, critical: 90 };
    expect([0, 39, 40, 69, 70, 89, 90, 100].map((s) => levelFor(s, t))).toEqual([
      "low",
      "low",
      "medium",
      "medium",
      "high",
      "high",
      "critical",
      "critical",
    ]);
  });
});

describe("compareAttribute", () => {
  it("compares numbers with every operator and anything with == / !=", () => {
    expect(compareAttribute(5, ">=", 5)).toBe(true);
    expect(compareAttribute(5, ">", 5)).toBe(false);
    expect(compareAttribute(4, "<", 5)).toBe(true);
    expect(compareAttribute(5, "<=", 4)).toBe(false);
    expect(compareAttribute(true, "==", true)).toBe(true);
    expect(compareAttribute("card", "!=", "wallet")).toBe(true);
  });

  it("never matches a missing attribute or mixed types under ordering operators", () => {
    expect(compareAttribute(undefined, "!=", 1)).toBe(false);
    expect(compareAttribute("7", ">=", 5)).toBe(false);
    expect(compareAttribute(1, "==", true)).toBe(false);
  });
});

describe("scoreCase with the default rules", () => {
  it("explains a refund-abuse case rule by rule", () => {
    const result = scoreCase(DEFAULT_RULE_SET, [
      signal("refund_abuse", { refundCount24h: 4, amountJpy: 12000, accountAgeDays: 3 }),
    ]);
    expect(result.contributions.map((c) => [c.ruleId, c.points, c.matchedSignals])).toEqual([
      ["ra_refund_count", 25, 1],
      ["ra_refund_amount", 15, 1],
      ["ra_new_account", 20, 1],
    ]);
    expect(result).toMatchObject({ score: 60, rawScore: 60, clamped: false, level: "medium" });
    expect(result.contributions[0]?.labelJa).toBe("24時間以内に3回以上の返金");
  });

  it("ignores rules written for other signal types", () => {
    const result = scoreCase(DEFAULT_RULE_SET, [
      signal("courier_safety", { refundCount24h: 9, maxSpeedKmh: 62 }),
    ]);
    expect(result.contributions.map((c) => c.ruleId)).toEqual(["cs_speeding"]);
  });

  it("subtracts mitigating rules", () => {
    const result = scoreCase(DEFAULT_RULE_SET, [
      signal("payment_anomaly", { declinedAttempts1h: 5, distinctCards24h: 3, threeDsPassed: true }),
    ]);
    expect(result.contributions.map((c) => c.points)).toEqual([25, 20, -20]);
    expect(result.score).toBe(25);
  });
});

describe("scoreCase caps and clamping", () => {
  const burst = rule({ id: "burst", condition: { attribute: "n", op: ">=", value: 1 }, weight: 25, cap: 60 });

  it("adds the weight per matching signal up to the rule's cap", () => {
    const three = scoreCase(ruleSet([burst]), [
      signal("order_anomaly", { n: 1 }),
      signal("order_anomaly", { n: 2 }),
      signal("order_anomaly", { n: 3 }),
    ]);
    expect(three.contributions).toEqual([
      { ruleId: "burst", label: "burst", points: 60, matchedSignals: 3, capped: true },
    ]);
  });

  it("reports clamping at 100 and at 0 instead of hiding it", () => {
    const big = rule({ id: "big", condition: { attribute: "n", op: ">=", value: 1 }, weight: 80, cap: 80 });
    const high = scoreCase(ruleSet([burst, big]), [
      signal("order_anomaly", { n: 1 }),
      signal("order_anomaly", { n: 1 }),
    ]);
    expect(high).toMatchObject({ score: 100, rawScore: 130, clamped: true, level: "critical" });

    const relief = rule({
      id: "relief",
      condition: { attribute: "trusted", op: "==", value: true },
      weight: -30,
      cap: 30,
    });
    const low = scoreCase(ruleSet([burst, relief]), [signal("order_anomaly", { n: 1, trusted: true })]);
    expect(low).toMatchObject({ score: 0, rawScore: -5, clamped: true, level: "low" });
  });

  it("counts a signal listed twice (same sourceEventId) once", () => {
    const s = signal("order_anomaly", { n: 1 });
    expect(scoreCase(ruleSet([burst]), [s, { ...s }]).score).toBe(25);
  });
});

describe("scoreCase history rules", () => {
  const threeIn24h = rule({
    id: "repeat",
    signalType: "refund_abuse",
    condition: { history: { windowHours: 24, minCount: 3 } },
    weight: 20,
    cap: 20,
  });

  it("contributes once when enough signals fall inside one window", () => {
    const signals = [0, 5, 23].map((h) => signal("refund_abuse", {}, hoursAfter(h)));
    expect(scoreCase(ruleSet([threeIn24h]), signals).contributions).toEqual([
      { ruleId: "repeat", label: "repeat", points: 20, matchedSignals: 3, capped: false },
    ]);
  });

  it("does not fire when the signals are spread wider than the window", () => {
    const signals = [0, 20, 44].map((h) => signal("refund_abuse", {}, hoursAfter(h)));
    expect(scoreCase(ruleSet([threeIn24h]), signals).contributions).toEqual([]);
  });

  it("counts the subject's earlier signals from history, once each", () => {
    const earlier = [
      signal("refund_abuse", {}, hoursAfter(-10)),
      signal("refund_abuse", {}, hoursAfter(-30)),
    ];
    const current = signal("refund_abuse", {}, hoursAfter(0));
    expect(scoreCase(ruleSet([threeIn24h]), [current], earlier).score).toBe(0);
    const again = [signal("refund_abuse", {}, hoursAfter(-2)), ...earlier, current];
    expect(scoreCase(ruleSet([threeIn24h]), [current], again).contributions[0]?.matchedSignals).toBe(3);
  });

  it("can count another signal type than the one it applies to", () => {
    const result = scoreCase(
      DEFAULT_RULE_SET,
      [signal("account_takeover", { newDevice: 1 }, hoursAfter(0))],
      [signal("refund_abuse", {}, hoursAfter(-48))],
    );
    expect(result.contributions.map((c) => c.ruleId)).toEqual(["at_new_device", "at_refunds_after_takeover"]);
    expect(result.score).toBe(35);
  });

  it("ignores history signals observed after every case signal", () => {
    const later = [1, 2, 3].map((h) => signal("refund_abuse", {}, hoursAfter(h)));
    expect(scoreCase(ruleSet([threeIn24h]), [signal("refund_abuse", {}, hoursAfter(0))], later).score).toBe(
      0,
    );
  });
});

describe("scoreCase properties", () => {
  const scored = fc.record({ ruleSet: ruleSetArb, signals: signalsArb("s"), history: signalsArb("h") });

  it("keeps the score an integer in 0–100 whose contributions add up to the raw score", () => {
    fc.assert(
      fc.property(scored, ({ ruleSet: rs, signals, history }) => {
        const result = scoreCase(rs, signals, history);
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(result.contributions.reduce((sum, c) => sum + c.points, 0)).toBe(result.rawScore);
        expect(result.clamped ? result.score !== result.rawScore : result.score === result.rawScore).toBe(
          true,
        );
        expect(result.level).toBe(levelFor(result.score, rs.thresholds));
        for (const c of result.contributions) expect(c.points).not.toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("never lowers the score when a signal matching only positive-weight rules is added", () => {
    fc.assert(
      fc.property(scored, signalArb, ({ ruleSet: rs, signals, history }, extra) => {
        const added = { ...extra, sourceEventId: "added" };
        const touched = rs.rules.filter((r) => matchesRule(r, added));
        fc.pre(touched.length > 0 && touched.every((r) => r.weight > 0));
        expect(scoreCase(rs, [...signals, added], history).score).toBeGreaterThanOrEqual(
          scoreCase(rs, signals, history).score,
        );
      }),
      { numRuns: 300, maxSkipsPerRun: 1000 },
    );
  });

  it("never lowers the score of an all-positive rule set, whatever signal is added", () => {
    const positive = ruleSetArb.map((rs) => ({
      ...rs,
      rules: rs.rules.map((r) => ({ ...r, weight: Math.abs(r.weight) })),
    }));
    fc.assert(
      fc.property(positive, signalsArb("s"), signalArb, (rs, signals, extra) => {
        const added = { ...extra, sourceEventId: "added" };
        expect(scoreCase(rs, [...signals, added]).score).toBeGreaterThanOrEqual(scoreCase(rs, signals).score);
      }),
      { numRuns: 300 },
    );
  });

  it("scores a case from its already counted signals exactly as from all of its signals", () => {
    fc.assert(
      fc.property(scored, signalsArb("n"), ({ ruleSet: rs, signals: stored, history }, fresh) => {
        // What the earlier re-score kept: its contributions, from whatever history it had then.
        const earlier = scoreCase(rs, stored, history.slice(1));
        const light = stored.map(({ type, observedAt, sourceEventId }) => ({
          type,
          observedAt,
          sourceEventId,
        }));
        const counted = { signals: light, matches: storedMatches(earlier.contributions) };
        expect(scoreCase(rs, fresh, history, counted)).toEqual(scoreCase(rs, [...stored, ...fresh], history));
      }),
      { numRuns: 500 },
    );
  });
});
