import { describe, expect, it } from "vitest";
import { alertMinutesByDay, foldAlert } from "./alert-history.ts";
import { foldRiskCase, minutesBetween } from "./risk-history.ts";
import { history } from "./test-histories.ts";

const utc = (iso: string) => new Date(`${iso}Z`);

describe("risk case histories", () => {
  it("measures detection → acknowledgement, first completed mitigation and close; the level follows re-assessment", () => {
    const fact = foldRiskCase(
      "c-1",
      history(
        [
          "RiskDetected",
          utc("2026-03-02T10:00"),
          { number: 7, type: "promo_abuse", level: "medium", ruleSetVersion: 3 },
        ],
        ["RiskAssessed", utc("2026-03-02T10:05"), { level: "high", ruleSetVersion: 3 }],
        ["RiskAcknowledged", utc("2026-03-02T10:20"), {}],
        ["MitigationCompleted", utc("2026-03-02T11:00"), {}],
        ["MitigationCompleted", utc("2026-03-02T11:30"), {}],
        ["CaseClosed", utc("2026-03-02T12:00"), { resolution: "false_positive", level: "high" }],
      ),
    );
    expect(fact).toMatchObject({
      type: "promo_abuse",
      level: "high",
      ruleSetVersion: 3,
      resolution: "false_positive",
    });
    if (fact === null) throw new Error("no fact");
    expect(minutesBetween(fact.detectedAt, fact.acknowledgedAt)).toBe(20);
    expect(minutesBetween(fact.detectedAt, fact.mitigatedAt)).toBe(60);
    expect(minutesBetween(fact.detectedAt, fact.closedAt)).toBe(120);
  });
});

describe("alert histories", () => {
  const fired = {
    cityId: "c-tyo",
    city: "TYO",
    ruleId: "r-1",
    ruleName: "Slow deliveries",
    severity: "critical",
  };

  it("measures time to acknowledge and resolve from the moment it fired", () => {
    const fact = foldAlert(
      "a-1",
      history(
        ["AlertTriggered", utc("2026-03-02T23:30"), { ...fired, firedAt: "2026-03-02T23:30:00.000Z" }],
        ["AlertAcknowledged", utc("2026-03-02T23:45"), {}],
        ["AlertResolved", utc("2026-03-03T00:30"), {}],
      ),
    );
    if (fact === null) throw new Error("no fact");
    expect(minutesBetween(fact.firedAt, fact.acknowledgedAt)).toBe(15);
    expect(minutesBetween(fact.firedAt, fact.resolvedAt)).toBe(60);
    // 30 minutes on each side of midnight.
    expect(Object.fromEntries(alertMinutesByDay(fact, utc("2026-03-04T00:00")))).toEqual({
      "2026-03-02": 30,
      "2026-03-03": 30,
    });
  });

  it("has no fact for an alert that resolved while pending; an open alert counts up to now", () => {
    expect(foldAlert("a-2", history(["AlertResolved", utc("2026-03-02T00:00"), {}]))).toBeNull();
    const open = foldAlert("a-3", history(["AlertTriggered", utc("2026-03-02T10:00"), fired]));
    if (open === null) throw new Error("no fact");
    expect(Object.fromEntries(alertMinutesByDay(open, utc("2026-03-02T10:45")))).toEqual({
      "2026-03-02": 45,
    });
  });
});
