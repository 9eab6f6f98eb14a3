import { describe, expect, it } from "vitest";
import { normalise } from "../mapping/normalise.ts";
import type { NormalisedEvent } from "../mapping/normalised.ts";
import { CANCELLATION_TICKET } from "./order-cancellation.ts";
import type { Effect } from "./effects.ts";
import { NO_FACTS, type RouteFacts } from "./facts.ts";
import { factsNeeded, route, ROUTES } from "./table.ts";
import { INBOUND_TYPES } from "../catalogue.ts";

// The routing table, rule by rule: a normalised event and its facts in, the intended effects (and why) out.

const at = "2026-03-02T03:07:30Z";
const BUCKET = new Date("2026-03-02T03:05:00Z");

function event(source: string, type: string, data: Record<string, unknown>, eventId = "e1"): NormalisedEvent {
  return normalise({ source, eventId, type, dataVersion: 1, data }, 1);
}

const cancellation = (reason: string) =>
  event("consumer_experience", "OrderCancellationRequested", {
    orderId: "o1",
    consumerId: "c1",
    restaurantId: "r1",
    cityCode: "TYO",
    reason,
    requestedAt: at,
  });
const failure = (extra: Record<string, unknown> = {}) =>
  event("courier_mobility", "DeliveryFailed", {
    orderId: "o1",
    courierId: "k1",
    cityCode: "OSA",
    reason: "consumer_unreachable",
    failedAt: at,
    ...extra,
  });
const facts = (over: Partial<RouteFacts>): RouteFacts => ({ ...NO_FACTS, ...over });
const kinds = (effects: Effect[]) => effects.map((e) => e.kind);

describe("routing table", () => {
  it("has a rule for every subscribed type", () => {
    expect(Object.keys(ROUTES).sort()).toEqual([...INBOUND_TYPES].sort());
  });

  it.each([
    ["late_delivery", "delivery_delay"],
    ["wrong_item", "missing_item"],
    ["missing_item", "missing_item"],
    ["payment_issue", "payment"],
    ["restaurant_closed", "order_issue"],
    ["changed_mind", "refund_request"],
    ["other", "order_issue"],
  ])("a cancellation for %s opens a %s ticket linked to the order", (reason, category) => {
    const decision = route(cancellation(reason), facts({ consumerCancellations24h: 1 }));
    expect(decision.rule).toBe("order-cancellation.ticket");
    expect(decision.effects).toEqual([
      {
        kind: "ticket",
        ticket: expect.objectContaining({
          externalId: "inbound:consumer_experience:e1",
          category,
          priority: CANCELLATION_TICKET[reason as keyof typeof CANCELLATION_TICKET].priority,
          city: "TYO",
          orderRef: "o1",
          source: "consumer",
        }),
      },
    ]);
  });

  it.each([
    [2, ["ticket"]],
    [3, ["ticket", "risk_signal"]],
    [5, ["ticket", "risk_signal"]],
  ])("a consumer with %i cancellations in a day → %j", (count, expected) => {
    const decision = route(cancellation("late_delivery"), facts({ consumerCancellations24h: count }));
    expect(kinds(decision.effects)).toEqual(expected);
    const signal = decision.effects.find((e) => e.kind === "risk_signal");
    if (signal) {
      expect(signal).toMatchObject({
        cityCode: "TYO",
        signal: {
          sourceEventId: "inbound:consumer_experience:e1",
          type: "refund_abuse",
          subjectType: "consumer",
          subjectId: "c1",
        },
      });
    }
  });

  it.each([
    [
      "KitchenOverloaded",
      { restaurantId: "r1", cityCode: "TYO", backlogOrders: 8, reportedAt: at },
      ["indicator"],
    ],
    [
      "OrderRejected",
      { orderId: "o", restaurantId: "r1", cityCode: "TYO", reason: "kitchen_overloaded", rejectedAt: at },
      ["indicator"],
    ],
    [
      "OrderRejected",
      { orderId: "o", restaurantId: "r1", cityCode: "TYO", reason: "out_of_stock", rejectedAt: at },
      [],
    ],
  ])("%s %j → %j", (type, data, expected) => {
    const decision = route(event("restaurant_operations", type, data), NO_FACTS);
    expect(kinds(decision.effects)).toEqual(expected);
    if (expected.length > 0) {
      expect(decision.effects[0]).toEqual({
        kind: "indicator",
        metric: "kitchen_overloads",
        cityCode: "TYO",
        bucketStart: BUCKET,
      });
    } else {
      expect(decision.why).toMatch(/cancellation_rate/);
    }
  });

  it.each([
    ["no consumer, first failure", {}, 1, ["indicator"]],
    ["a consumer affected", { consumerId: "c9" }, 1, ["indicator", "ticket"]],
    ["a third failure in a day", {}, 3, ["indicator", "risk_signal"]],
    ["both", { consumerId: "c9" }, 4, ["indicator", "ticket", "risk_signal"]],
  ])("DeliveryFailed with %s", (_, extra, count, expected) => {
    const decision = route(failure(extra), facts({ courierFailures24h: count }));
    expect(kinds(decision.effects)).toEqual(expected);
    expect(decision.effects[0]).toEqual({
      kind: "indicator",
      metric: "delivery_failures",
      cityCode: "OSA",
      bucketStart: BUCKET,
    });
    const signal = decision.effects.find((e) => e.kind === "risk_signal");
    if (signal)
      expect(signal).toMatchObject({
        signal: { type: "delivery_fraud", subjectType: "courier", subjectId: "k1" },
      });
    const ticket = decision.effects.find((e) => e.kind === "ticket");
    if (ticket)
      expect(ticket).toMatchObject({ ticket: { category: "delivery_delay", orderRef: "o1", city: "OSA" } });
  });

  describe("a bucket in the future (a mis-dated event)", () => {
    const latest = facts({ latestBucket: new Date("2026-03-02T03:04:59Z") });

    it("writes no indicator, and says why; the bucket at the limit is still written", () => {
      const decision = route(failure({ consumerId: "c9" }), latest);
      expect(kinds(decision.effects)).toEqual(["ticket"]);
      expect(decision.why).toMatch(/not delivery_failures of OSA .*dated in the future/);
      expect(kinds(route(failure(), facts({ latestBucket: BUCKET })).effects)).toEqual(["indicator"]);
      expect(factsNeeded(failure())).toContain("latestBucket");
    });
  });

  describe("a bucket before the inbox's horizon", () => {
    // The horizon falls inside the event's bucket: the bucket began before it, so its other events may be gone.
    const horizon = facts({ inboxHorizon: new Date("2026-03-02T03:06:00Z") });

    it.each([
      ["KitchenOverloaded", { restaurantId: "r1", cityCode: "TYO", backlogOrders: 8, reportedAt: at }],
      [
        "OrderRejected",
        { orderId: "o", restaurantId: "r1", cityCode: "TYO", reason: "kitchen_overloaded", rejectedAt: at },
      ],
    ])("%s writes no indicator, and says why", (type, data) => {
      const decision = route(event("restaurant_operations", type, data), horizon);
      expect(decision.effects).toEqual([]);
      expect(decision.why).toContain("not kitchen_overloads of TYO at 2026-03-02T03:05:00.000Z");
    });

    it("a DeliveryFailed still opens its ticket and signal, without the indicator", () => {
      const decision = route(failure({ consumerId: "c9" }), { ...horizon, courierFailures24h: 3 });
      expect(kinds(decision.effects)).toEqual(["ticket", "risk_signal"]);
      expect(decision.why).toMatch(/not delivery_failures of OSA .*no longer holds/);
    });

    it("a bucket that begins at the horizon is still written", () => {
      const decision = route(failure(), facts({ inboxHorizon: BUCKET }));
      expect(kinds(decision.effects)).toEqual(["indicator"]);
    });

    it("is a fact the indicator rules read", () => {
      expect(factsNeeded(failure())).toContain("inboxHorizon");
      const overloaded = event("restaurant_operations", "KitchenOverloaded", {
        restaurantId: "r1",
        cityCode: "TYO",
        backlogOrders: 8,
        reportedAt: at,
      });
      expect(factsNeeded(overloaded)).toContain("inboxHorizon");
    });
  });

  it("a safety incident → a P1 courier_safety ticket and a courier_safety signal", () => {
    const decision = route(
      event("courier_mobility", "SafetyIncidentReported", {
        incidentId: "i1",
        courierId: "k1",
        cityCode: "OSA",
        severity: "minor",
        description: "Slipped",
        occurredAt: at,
      }),
      NO_FACTS,
    );
    expect(decision.effects).toMatchObject([
      {
        kind: "ticket",
        ticket: {
          priority: "P1",
          category: "courier_safety",
          city: "OSA",
          externalId: "inbound:courier_mobility:e1",
        },
      },
      {
        kind: "risk_signal",
        signal: {
          type: "courier_safety",
          subjectType: "courier",
          subjectId: "k1",
          sourceEventId: "inbound:courier_mobility:e1",
        },
      },
    ]);
  });

  it.each([
    ["breaking", "P2"],
    ["deprecated", "P3"],
    ["added", "P3"],
  ])("a %s contract change → a %s ticket and ContractChangeReceived", (change, priority) => {
    const decision = route(
      event("integration_contract", "ContractChanged", {
        contract: "orders-api",
        version: "3",
        change,
        summary: "s",
        effectiveAt: at,
      }),
      NO_FACTS,
    );
    expect(decision.effects).toMatchObject([
      { kind: "ticket", ticket: { priority, category: "restaurant_onboarding" } },
      {
        kind: "contract_change",
        payload: { contract: "orders-api", version: "3", change, effectiveAt: "2026-03-02T03:07:30.000Z" },
      },
    ]);
  });

  it.each([
    [
      "OrderStatusUpdated",
      { orderId: "o1", cityCode: "TYO", status: "delivered", updatedAt: at },
      /now delivered/,
    ],
    [
      "ConsumerNotified",
      { orderId: "o1", consumerId: "c1", channel: "email", message: "Sorry!", notifiedAt: at },
      /Sorry!/,
    ],
  ])("%s → a marked internal comment on the order's tickets, or unrouted without one", (type, data, body) => {
    const normalised = event("consumer_experience", type, data);
    expect(factsNeeded(normalised)).toEqual(["orderTickets"]);
    const tickets = [
      { id: "t1", number: 10 },
      { id: "t2", number: 11 },
    ];
    const decision = route(normalised, facts({ orderTickets: tickets }));
    expect(decision.effects).toEqual([
      {
        kind: "ticket_comment",
        ticketIds: ["t1", "t2"],
        body: expect.stringMatching(body),
        marker: "(inbound:consumer_experience:e1)",
      },
    ]);
    expect(decision.why).toContain("#10, #11");
    const none = route(normalised, NO_FACTS);
    expect(none).toMatchObject({ effects: [], why: "no ticket for order o1" });
  });
});
