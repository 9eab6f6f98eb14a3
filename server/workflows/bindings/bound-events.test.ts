import { describe, expect, it } from "vitest";
import { template } from "../test-fixtures.ts";
import { closeReason, closesBound, closeStartsHold, matchPayload, storedEventQuery } from "./bound-events.ts";

describe("bound object events", () => {
  it("carry the bound object's id under its usual name for wait conditions", () => {
    expect(matchPayload("ticket", "t1", { resolvedAt: "x" })).toEqual({ ticketId: "t1", resolvedAt: "x" });
    expect(matchPayload("alert", "a1", { alertId: "a1", ruleId: "r" })).toMatchObject({ alertId: "a1" });
  });

  it("know which events close their object", () => {
    expect(closesBound("TicketResolved", "ticket", {})).toBe(true);
    expect(closesBound("TicketStatusUpdated", "ticket", { to: "closed" })).toBe(true);
    expect(closesBound("TicketStatusUpdated", "ticket", { to: "pending" })).toBe(false);
    expect(closesBound("CaseClosed", "risk_case", {})).toBe(true);
    expect(closesBound("AlertResolved", "alert", {})).toBe(true);
    expect(closesBound("AlertTriggered", "alert", {})).toBe(false);
    expect(closeReason("CaseClosed", "risk_case")).toBe("bound risk case closed");
    expect(closeReason("TicketResolved", "ticket")).toBe("bound ticket resolved");
  });

  it("let a close start a recovery hold instead of ending a plan that waits for it held", () => {
    const wait = (holdMinutes?: number) =>
      template({
        steps: [
          {
            key: "recovered",
            kind: "wait_for_event",
            title: "R",
            titleJa: "R",
            event: { type: "AlertResolved", ...(holdMinutes ? { holdMinutes } : {}) },
          },
        ],
      });
    expect(closeStartsHold(wait(15), "AlertResolved")).toBe(true);
    expect(closeStartsHold(wait(), "AlertResolved")).toBe(false);
    expect(closeStartsHold(wait(15), "TicketResolved")).toBe(false);
  });

  it("turn a wait condition into an event-log query: the bound id names the aggregate, the rest the payload", () => {
    const instance = { boundId: "a1", context: { ruleId: "r1", cityId: "c1" } };
    expect(
      storedEventQuery({ type: "AlertResolved", match: { alertId: "$bound" } }, "alert", instance),
    ).toEqual({
      type: "AlertResolved",
      aggregateType: "alert",
      aggregateId: "a1",
      payload: {},
    });
    expect(
      storedEventQuery(
        { type: "AlertResolved", match: { ruleId: "$context.ruleId", cityId: "$context.cityId", level: 2 } },
        "alert",
        instance,
      ),
    ).toEqual({
      type: "AlertResolved",
      aggregateType: "alert",
      aggregateId: null,
      payload: { ruleId: "r1", cityId: "c1", level: 2 },
    });
    expect(
      storedEventQuery({ type: "AlertResolved", match: { ruleId: "$context.missing" } }, "alert", instance),
    ).toBeNull();
  });
});
