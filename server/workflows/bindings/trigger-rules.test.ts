import { describe, expect, it } from "vitest";
import { firedRules } from "./trigger-rules.ts";

const event = (type: string, aggregateType: string, payload: Record<string, unknown>) => ({
  type,
  aggregateType,
  aggregateId: "x",
  payload,
});

describe("trigger rules", () => {
  it("start the takeover template for a critical account_takeover case, detected or escalated", () => {
    for (const type of ["RiskDetected", "RiskEscalated"])
      expect(
        firedRules(event(type, "risk_case", { type: "account_takeover", level: "critical" })).map(
          (r) => r.template,
        ),
      ).toEqual(["account_takeover_mitigation"]);
    expect(
      firedRules(event("RiskDetected", "risk_case", { type: "account_takeover", level: "high" })),
    ).toEqual([]);
    expect(
      firedRules(event("RiskDetected", "risk_case", { type: "refund_abuse", level: "critical" })),
    ).toEqual([]);
    expect(
      firedRules(event("RiskAssessed", "risk_case", { type: "account_takeover", level: "critical" })),
    ).toEqual([]);
  });

  it("start the safety template for a courier_safety ticket only", () => {
    expect(
      firedRules(event("TicketCreated", "ticket", { category: "courier_safety" })).map((r) => r.key),
    ).toEqual(["ticket.courier_safety"]);
    expect(firedRules(event("TicketCreated", "ticket", { category: "delivery_delay" }))).toEqual([]);
  });

  it("start the incident postmortem on every resolved incident, with its number and priority", () => {
    const [rule, ...others] = firedRules(
      event("IncidentResolved", "incident", { number: 12, priority: "P1" }),
    );
    expect(others).toEqual([]);
    expect(rule?.template).toBe("incident_postmortem");
    expect(rule?.context?.({ number: 12, priority: "P1" })).toEqual({ incidentNumber: 12, priority: "P1" });
    expect(firedRules(event("IncidentStateChanged", "incident", { state: "resolved" }))).toEqual([]);
  });

  it("let an alert's rule name its response plan, with the rule and city as the plan's context", () => {
    const [rule] = firedRules(event("AlertTriggered", "alert", { ruleId: "r1", cityId: "c1", city: "TYO" }));
    expect(rule?.template).toEqual({ from: "alert_rule_plan" });
    expect(rule?.context?.({ ruleId: "r1", cityId: "c1", city: "TYO" })).toEqual({
      ruleId: "r1",
      cityId: "c1",
      city: "TYO",
    });
  });
});
