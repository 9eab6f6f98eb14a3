import { describe, expect, it } from "vitest";
import { alertRuleInputSchema } from "@/server/alerts/rules";
import { checkDraft, draftFromRule, draftToInput, EMPTY_DRAFT, withKind } from "./rule-draft";

describe("rule drafts", () => {
  it("turns percent, minutes and empty choices into the schema's units", () => {
    const draft = {
      ...EMPTY_DRAFT,
      name: "Cancellations",
      metric: "cancellation_rate" as const,
      threshold: "8",
      recoveryThreshold: "6",
      forMinutes: "15",
    };
    const check = checkDraft(draft);
    expect(check).toMatchObject({
      ok: true,
      input: {
        threshold: 0.08,
        recoveryThreshold: 0.06,
        forSeconds: 900,
        cityId: null,
        responsePlanId: null,
      },
    });
  });

  it("round-trips a stored rule through the form", () => {
    const input = alertRuleInputSchema.parse(
      draftToInput({
        ...EMPTY_DRAFT,
        name: "Supply drop",
        kind: "change",
        operator: "drop",
        metric: "supply",
        changePercent: "40",
        comparisonWindow: "same_hour_last_week",
        keepFiringMinutes: "15",
      }),
    );
    const rule = { ...input, id: "0190d5a8-7b3c-7def-8123-456789abcdef" };
    expect(alertRuleInputSchema.parse(draftToInput(draftFromRule(rule)))).toEqual(input);
  });

  it("names the fields the schema refuses", () => {
    const check = checkDraft({ ...EMPTY_DRAFT, threshold: "abc", recoveryThreshold: "50", name: "" });
    expect(check.ok).toBe(false);
    if (!check.ok) expect([...check.fields].sort()).toEqual(["name", "threshold"]);
    const recovery = checkDraft({ ...EMPTY_DRAFT, name: "x", threshold: "45", recoveryThreshold: "50" });
    expect(recovery.ok ? [] : [...recovery.fields]).toEqual(["recoveryThreshold"]);
  });

  it("keeps operators consistent with the kind", () => {
    expect(withKind(EMPTY_DRAFT, "change").operator).toBe("drop");
    expect(withKind({ ...EMPTY_DRAFT, operator: "below" }, "threshold").operator).toBe("below");
    const noData = withKind(EMPTY_DRAFT, "no_data");
    expect(checkDraft({ ...noData, name: "silent", metric: "orders" }).ok).toBe(true);
  });
});
