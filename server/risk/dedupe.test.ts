import { describe, expect, it } from "vitest";
import { caseKey, DEFAULT_DEDUPE_WINDOW_HOURS, dedupeDecision, joinsOpenCase } from "./dedupe.ts";
import { hoursAfter, signal, T0 } from "./test-support.ts";

describe("caseKey", () => {
  it("is subjectType:subjectId:type, the RiskCase.openKey", () => {
    expect(caseKey(signal("refund_abuse", {}, T0, "cus_12345678"))).toBe(
      "consumer:cus_12345678:refund_abuse",
    );
  });

  it("separates risk types and subjects", () => {
    const keys = new Set([
      caseKey({ subjectType: "courier", subjectId: "cou_1", type: "delivery_fraud" }),
      caseKey({ subjectType: "courier", subjectId: "cou_1", type: "courier_safety" }),
      caseKey({ subjectType: "courier", subjectId: "cou_2", type: "delivery_fraud" }),
      caseKey({ subjectType: "consumer", subjectId: "cou_1", type: "delivery_fraud" }),
    ]);
    expect(keys.size).toBe(4);
  });
});

describe("joinsOpenCase", () => {
  const open = { openedAt: T0, status: "open" as const };

  it("defaults to a 7-day window", () => {
    expect(DEFAULT_DEDUPE_WINDOW_HOURS).toBe(168);
    expect(joinsOpenCase(open, { observedAt: hoursAfter(167.9) })).toBe(true);
    expect(joinsOpenCase(open, { observedAt: hoursAfter(168) })).toBe(false);
  });

  it("honours a custom window", () => {
    expect(joinsOpenCase(open, { observedAt: hoursAfter(30) }, 24)).toBe(false);
    expect(joinsOpenCase(open, { observedAt: hoursAfter(23) }, 24)).toBe(true);
  });

  it("treats mitigating cases as open and never joins a closed one", () => {
    expect(joinsOpenCase({ ...open, status: "mitigating" }, { observedAt: hoursAfter(1) })).toBe(true);
    expect(joinsOpenCase({ ...open, status: "closed" }, { observedAt: hoursAfter(1) })).toBe(false);
  });

  it("lets late-arriving signals observed before the case opened join", () => {
    expect(joinsOpenCase(open, { observedAt: hoursAfter(-3) })).toBe(true);
  });
});

describe("dedupeDecision", () => {
  it("opens, joins, or opens a fresh case once the window ran out", () => {
    const open = { openedAt: T0, status: "open" as const };
    expect(dedupeDecision(null, { observedAt: T0 })).toBe("open");
    expect(dedupeDecision({ ...open, status: "closed" }, { observedAt: T0 })).toBe("open");
    expect(dedupeDecision(open, { observedAt: hoursAfter(2) })).toBe("join");
    expect(dedupeDecision(open, { observedAt: hoursAfter(200) })).toBe("open_after_window");
  });
});
