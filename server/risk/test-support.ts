import fc from "fast-check";
import { COMPARISON_OPS, type Rule, type RuleSet } from "./rule-set.ts";
import { RISK_TYPES, type RiskSignal, type RiskType } from "./types.ts";

// Shared fixtures and fast-check arbitraries for the risk tests; not used by production code.

export const T0 = new Date("2025-06-01T09:00:00.000Z");
export const hoursAfter = (hours: number, from: Date = T0) => new Date(from.getTime() + hours * 3_600_000);

let nextId = 0;
export function signal(
  type: RiskType,
  attributes: RiskSignal["attributes"] = {},
  observedAt: Date = T0,
  subjectId = "cus_00000001",
): RiskSignal {
  nextId += 1;
  return { type, subjectType: "consumer", subjectId, attributes, observedAt, sourceEventId: `evt_${nextId}` };
}

// A handful of types and attributes so that generated rules and signals actually meet.
const TYPES: RiskType[] = [...RISK_TYPES.slice(0, 3)];
const ATTRIBUTES = ["a", "b", "c"];

const valueArb = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.boolean(), fc.constantFrom("x", "y"));

const ruleArb: fc.Arbitrary<Omit<Rule, "id" | "label">> = fc
  .record({
    signalType: fc.option(fc.constantFrom(...TYPES), { nil: undefined }),
    weight: fc.integer({ min: -40, max: 40 }).filter((w) => w !== 0),
    extraCap: fc.integer({ min: 0, max: 40 }),
    condition: fc.oneof(
      fc
        .record({
          attribute: fc.constantFrom(...ATTRIBUTES),
          op: fc.constantFrom(...COMPARISON_OPS),
          value: valueArb,
        })
        .map((c) => (["==", "!="].includes(c.op) || typeof c.value === "number" ? c : { ...c, value: 5 })),
      fc.record({
        history: fc.record({
          signalType: fc.option(fc.constantFrom(...TYPES), { nil: undefined }),
          windowHours: fc.integer({ min: 1, max: 72 }),
          minCount: fc.integer({ min: 1, max: 4 }),
        }),
      }),
    ),
  })
  .map(({ signalType, weight, extraCap, condition }) => ({
    ...(signalType === undefined ? {} : { signalType }),
    condition: "history" in condition ? { history: stripUndefined(condition.history) } : condition,
    weight,
    cap: Math.min(100, Math.abs(weight) + extraCap),
  }));

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const ruleSetArb: fc.Arbitrary<RuleSet> = fc
  .record({
    rules: fc.array(ruleArb, { minLength: 1, maxLength: 8 }),
    thresholds: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ rules, thresholds }) => {
    const [medium = 0, high = 1, critical = 2] = [...thresholds].sort((x, y) => x - y);
    return {
      version: 1,
      rules: rules.map((rule, i) => ({ id: `r${i}`, label: `Rule ${i}`, ...rule })),
      thresholds: { medium, high, critical },
    };
  });

export const signalArb: fc.Arbitrary<RiskSignal> = fc.record({
  type: fc.constantFrom(...TYPES),
  subjectType: fc.constant("consumer" as const),
  subjectId: fc.constant("cus_00000001"),
  attributes: fc.dictionary(fc.constantFrom(...ATTRIBUTES), valueArb, { maxKeys: 3 }),
  observedAt: fc.integer({ min: 0, max: 96 }).map((h) => hoursAfter(h)),
  sourceEventId: fc.constant("evt"),
});

/** Signals get ids `${prefix}0`, `${prefix}1`, … so that two lists never share a sourceEventId. */
export const signalsArb = (prefix: string, maxLength = 8): fc.Arbitrary<RiskSignal[]> =>
  fc
    .array(signalArb, { maxLength })
    .map((signals) => signals.map((s, i) => ({ ...s, sourceEventId: `${prefix}${i}` })));
