import { describe, expect, it } from "vitest";
import { z } from "zod";
import { alertRuleInputSchema, alertRuleSchema, ruleFromRow, ruleToRow, type AlertRuleRow } from "./rules.ts";
import { CITY_ID, RULE_ID, changeRule, noDataRule, thresholdRule } from "./test-fixtures.ts";

const shared = {
  name: "Delivery time above 45 min",
  metric: "avg_delivery_minutes",
  cityId: null,
  severity: "warning",
};
const threshold = { ...shared, kind: "threshold", operator: "above", threshold: 45 };

function issues(input: unknown): Record<string, string[]> {
  const result = alertRuleInputSchema.safeParse(input);
  if (result.success) return {};
  const flat = z.flattenError(result.error);
  return { ...flat.fieldErrors, ...(flat.formErrors.length > 0 ? { _: flat.formErrors } : {}) };
}

describe("alertRuleInputSchema", () => {
  it("fills the defaults", () => {
    expect(alertRuleInputSchema.parse(threshold)).toEqual({
      ...threshold,
      recoveryThreshold: null,
      forSeconds: 0,
      keepFiringForSeconds: 0,
      enabled: true,
      responsePlanId: null,
      opensTicket: false,
      opensRiskCase: false,
    });
  });

  it("requires cityId to be chosen: a city, or null for all cities", () => {
    expect(issues({ ...threshold, cityId: undefined }).cityId).toHaveLength(1);
    expect(issues({ ...threshold, cityId: "OSA" }).cityId?.[0]).toMatch(/^cityId must be a city id/);
    expect(alertRuleInputSchema.parse({ ...threshold, cityId: CITY_ID }).cityId).toBe(CITY_ID);
  });

  it("accepts hysteresis on the correct side only", () => {
    expect(issues({ ...threshold, recoveryThreshold: 40 })).toEqual({});
    expect(issues({ ...threshold, recoveryThreshold: 45 }).recoveryThreshold?.[0]).toMatch(
      /must be below threshold \(45\) for an "above" rule/,
    );
    expect(issues({ ...threshold, recoveryThreshold: 50 }).recoveryThreshold).toHaveLength(1);
    const below = { ...threshold, metric: "supply", operator: "below", threshold: 20 };
    expect(issues({ ...below, recoveryThreshold: 30 })).toEqual({});
    expect(issues({ ...below, recoveryThreshold: 10 }).recoveryThreshold?.[0]).toMatch(
      /must be above threshold \(20\)/,
    );
  });

  it("refuses thresholds that could never fire or never recover", () => {
    expect(issues({ ...threshold, threshold: -1 }).threshold?.[0]).toMatch(/cannot be negative/);
    expect(issues({ ...threshold, operator: "below", threshold: 0 }).threshold?.[0]).toMatch(
      /can never fire/,
    );
    expect(issues({ ...threshold, recoveryThreshold: 0 }).recoveryThreshold?.[0]).toMatch(
      /could never recover/,
    );
    const rate = { ...threshold, metric: "cancellation_rate", threshold: 0.08 };
    expect(issues(rate)).toEqual({});
    expect(issues({ ...rate, threshold: 8 }).threshold?.[0]).toMatch(/ratio between 0 and 1/);
    expect(issues({ ...rate, threshold: 1 }).threshold?.[0]).toMatch(/above 1 can never fire/);
    expect(
      issues({ ...rate, operator: "below", threshold: 0.5, recoveryThreshold: 1 }).recoveryThreshold,
    ).toHaveLength(1);
  });

  it("validates change rules", () => {
    const change = {
      ...shared,
      kind: "change",
      operator: "drop",
      comparisonWindow: "same_hour_last_week",
      changePercent: 20,
    };
    expect(issues(change)).toEqual({});
    expect(issues({ ...change, changePercent: 0 }).changePercent?.[0]).toBe("changePercent must be above 0");
    expect(issues({ ...change, changePercent: 120 }).changePercent?.[0]).toMatch(
      /a drop cannot exceed 100 %/,
    );
    expect(issues({ ...change, operator: "rise", changePercent: 120 })).toEqual({});
    expect(issues({ ...change, operator: "above" }).operator?.[0]).toBe(
      "operator of a change rule must be drop or rise",
    );
    expect(issues({ ...change, comparisonWindow: "yesterday" }).comparisonWindow?.[0]).toMatch(
      /previous_hour/,
    );
  });

  it("validates no_data rules", () => {
    const noData = { ...shared, kind: "no_data", noDataMinutes: 15 };
    expect(issues(noData)).toEqual({});
    expect(issues({ ...noData, noDataMinutes: 2 }).noDataMinutes?.[0]).toMatch(/at least 5/);
    expect(issues({ ...noData, noDataMinutes: 7.5 }).noDataMinutes?.[0]).toMatch(/whole number/);
  });

  it("names fields that belong to another kind, but ignores them when empty", () => {
    const withForeign = { ...threshold, changePercent: 20, noDataMinutes: 10 };
    expect(issues(withForeign)._?.[0]).toBe("changePercent, noDataMinutes do not apply to threshold rules");
    expect(
      issues({ ...threshold, changePercent: null, comparisonWindow: undefined, noDataMinutes: null }),
    ).toEqual({});
  });

  it("validates the common fields", () => {
    expect(issues({ ...threshold, kind: "spike" }).kind?.[0]).toBe(
      "kind must be one of threshold, change, no_data",
    );
    expect(issues({ ...threshold, forSeconds: -5 }).forSeconds?.[0]).toBe("forSeconds cannot be negative");
    expect(issues({ ...threshold, forSeconds: 1.5 }).forSeconds?.[0]).toMatch(/whole number of seconds/);
    expect(issues({ ...threshold, keepFiringForSeconds: 90_000 }).keepFiringForSeconds?.[0]).toMatch(
      /24 hours/,
    );
    expect(issues({ ...threshold, severity: "high" }).severity?.[0]).toMatch(/^severity must be one of/);
    expect(issues({ ...threshold, name: "  " }).name?.[0]).toBe("name is required");
  });
});

describe("alertRuleSchema", () => {
  it("requires the id of a stored rule", () => {
    expect(alertRuleSchema.safeParse(threshold).success).toBe(false);
    expect(alertRuleSchema.parse({ ...threshold, id: RULE_ID }).id).toBe(RULE_ID);
  });
});

describe("rows", () => {
  it("round-trips every kind through the table's columns", () => {
    for (const rule of [thresholdRule({ recoveryThreshold: 40 }), changeRule(), noDataRule()]) {
      const parsed = ruleFromRow(ruleToRow(rule));
      expect(parsed.success && parsed.data).toEqual(rule);
    }
  });

  it("keeps a change rule's percent in `threshold` and no_data's operator as absent, like the seed", () => {
    expect(ruleToRow(changeRule({ changePercent: 35 }))).toMatchObject({
      threshold: 35,
      operator: "drop",
      noDataMinutes: null,
    });
    expect(ruleToRow(noDataRule())).toMatchObject({ operator: "absent", threshold: null, noDataMinutes: 15 });
  });

  it("reports a broken row with field names", () => {
    const row: AlertRuleRow = { ...ruleToRow(thresholdRule()), recoveryThreshold: 60 };
    const parsed = ruleFromRow(row);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([["recoveryThreshold"]]);
  });
});
