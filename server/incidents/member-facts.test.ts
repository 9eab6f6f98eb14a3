import { describe, expect, it } from "vitest";
import type { DeliveredEvent } from "../events/delivered-event.ts";
import { keyOf, ruleDefinitionSchema } from "./correlation-rule.ts";
import { memberFactOf, memberKindOf } from "./member-facts.ts";

const CITY = "0193c3a0-0000-7000-8000-000000000001";
const event = (type: DeliveredEvent["type"], payload: unknown): DeliveredEvent => ({
  id: "0193c3a0-0000-7000-8000-0000000000aa",
  seq: 1n,
  type,
  aggregateType: type.startsWith("Ticket") ? "ticket" : type.startsWith("Risk") ? "risk_case" : "alert",
  aggregateId: "member-1",
  payload,
  occurredAt: new Date("2026-12-06T10:00:00Z"),
  correlationId: "c",
});

describe("member facts", () => {
  it("reads a ticket's category, keys and requester; without a requester each ticket is its own reporter", () => {
    const fact = memberFactOf(
      event("TicketCreated", { number: 1, category: "delivery_delay", cityId: CITY, restaurantId: "r-9" }),
    );
    expect(fact).toMatchObject({
      kind: "ticket",
      category: "delivery_delay",
      keys: { city: CITY, restaurant: "r-9" },
      reporter: "ticket:member-1",
    });
  });

  it("keys a risk case by its subject and joins it as a case", () => {
    const fact = memberFactOf(
      event("RiskDetected", { type: "delivery_fraud", subjectType: "courier", subjectId: "c-7" }),
    );
    expect(fact?.keys).toEqual({ courier: "c-7" });
    expect(memberKindOf(fact!)).toBe("risk_case");
  });

  it("fails a malformed payload instead of skipping it, and ignores other events", () => {
    expect(() => memberFactOf(event("TicketCreated", { category: 5 }))).toThrow();
    expect(memberFactOf(event("TicketAssigned", {}))).toBeNull();
  });

  it("a rule takes only the kinds and categories it names, under its key", () => {
    const rule = ruleDefinitionSchema.parse({
      key: "restaurant",
      windowMinutes: 30,
      maxWindowMinutes: 60,
      minCount: 2,
      minReporters: 1,
      members: [{ kind: "ticket", categories: ["missing_item"] }],
      priority: "P3",
      title: "{key}",
    });
    const ticket = (category: string, restaurantId?: string) =>
      memberFactOf(event("TicketCreated", { number: 1, category, cityId: null, restaurantId }))!;
    expect(keyOf(rule, ticket("missing_item", "r-1"))).toBe("r-1");
    expect(keyOf(rule, ticket("payment", "r-1"))).toBeNull();
    expect(keyOf(rule, ticket("missing_item"))).toBeNull();
  });
});
