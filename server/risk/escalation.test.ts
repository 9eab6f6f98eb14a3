import { describe, expect, it } from "vitest";
import {
  ackDueAt,
  escalationDueAt,
  needsEscalation,
  queueFor,
  RISK_ESCALATION_POLICY,
  type EscalationCandidate,
} from "./escalation.ts";
import { T0 } from "./test-support.ts";

const minutesAfter = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe("escalation policy", () => {
  it("routes each level to its queue and channel", () => {
    expect(queueFor("critical")).toBe("risk-critical");
    expect(queueFor("high")).toBe("risk-high");
    expect(queueFor("medium")).toBe("risk-triage");
    expect(queueFor("low")).toBe("risk-triage");
    expect(RISK_ESCALATION_POLICY.critical.channel).toBe("page_on_call");
    expect(RISK_ESCALATION_POLICY.high.channel).toBe("slack");
  });

  it("sets acknowledgement targets of 15 min, 1 h, 8 h and none", () => {
    expect(ackDueAt("critical", T0)).toEqual(minutesAfter(15));
    expect(ackDueAt("high", T0)).toEqual(minutesAfter(60));
    expect(ackDueAt("medium", T0)).toEqual(minutesAfter(480));
    expect(ackDueAt("low", T0)).toBeNull();
  });
});

describe("needsEscalation", () => {
  const critical: EscalationCandidate = {
    level: "critical",
    openedAt: T0,
    acknowledgedAt: null,
    escalatedAt: null,
  };

  it("escalates an unacknowledged critical case from its target on", () => {
    expect(needsEscalation(critical, minutesAfter(14))).toBe(false);
    expect(needsEscalation(critical, minutesAfter(15))).toBe(true);
    expect(needsEscalation(critical, minutesAfter(90))).toBe(true);
    expect(escalationDueAt(critical)).toEqual(minutesAfter(15));
  });

  it("escalates once", () => {
    expect(needsEscalation({ ...critical, escalatedAt: minutesAfter(16) }, minutesAfter(90))).toBe(false);
  });

  it("does not escalate acknowledged or closed cases", () => {
    expect(needsEscalation({ ...critical, acknowledgedAt: minutesAfter(20) }, minutesAfter(30))).toBe(false);
    expect(needsEscalation({ ...critical, status: "closed" }, minutesAfter(30))).toBe(false);
    expect(needsEscalation({ ...critical, status: "mitigating" }, minutesAfter(30))).toBe(true);
  });

  it("does not escalate lower levels, even past their target", () => {
    for (const level of ["high", "medium", "low"] as const) {
      expect(needsEscalation({ ...critical, level }, minutesAfter(10_000))).toBe(false);
      expect(escalationDueAt({ ...critical, level })).toBeNull();
    }
  });

  it("follows a custom policy", () => {
    const policy = {
      ...RISK_ESCALATION_POLICY,
      high: { ...RISK_ESCALATION_POLICY.high, escalateOnMissedAck: true },
    };
    expect(needsEscalation({ ...critical, level: "high" }, minutesAfter(61), policy)).toBe(true);
  });
});
