import { describe, expect, it } from "vitest";
import { normalise } from "./normalise.ts";
import { MappingError } from "./normalised.ts";

// Every source's mapping version 1, type by type: the catalogue payload in, the console's shape out.

const at = "2026-03-02T12:34:56+09:00";
const when = new Date(at);

const CASES = [
  {
    source: "consumer_experience",
    type: "OrderCancellationRequested",
    data: {
      orderId: "o1",
      consumerId: "c1",
      restaurantId: "r1",
      cityCode: "TYO",
      reason: "wrong_item",
      amountYen: 1200,
      requestedAt: at,
    },
    expected: {
      cityCode: "TYO",
      orderRef: "o1",
      subjects: { consumer: "c1", restaurant: "r1" },
      details: { reason: "wrong_item", amountYen: 1200 },
    },
  },
  {
    source: "consumer_experience",
    type: "OrderStatusUpdated",
    data: { orderId: "o1", cityCode: "OSA", status: "picked_up", updatedAt: at },
    expected: { cityCode: "OSA", orderRef: "o1", subjects: {}, details: { status: "picked_up" } },
  },
  {
    source: "consumer_experience",
    type: "ConsumerNotified",
    data: { orderId: "o1", consumerId: "c1", channel: "sms", message: "On its way", notifiedAt: at },
    expected: {
      cityCode: null,
      orderRef: "o1",
      subjects: { consumer: "c1" },
      details: { channel: "sms", message: "On its way" },
    },
  },
  {
    source: "restaurant_operations",
    type: "OrderRejected",
    data: { orderId: "o2", restaurantId: "r2", cityCode: "TYO", reason: "closed", rejectedAt: at },
    expected: {
      cityCode: "TYO",
      orderRef: "o2",
      subjects: { restaurant: "r2" },
      details: { reason: "closed" },
    },
  },
  {
    source: "restaurant_operations",
    type: "KitchenOverloaded",
    data: { restaurantId: "r2", cityCode: "TYO", backlogOrders: 14, reportedAt: at },
    expected: {
      cityCode: "TYO",
      orderRef: null,
      subjects: { restaurant: "r2" },
      details: { backlogOrders: 14 },
    },
  },
  {
    source: "courier_mobility",
    type: "DeliveryFailed",
    data: { orderId: "o3", courierId: "k1", cityCode: "FUK", reason: "food_damaged", failedAt: at },
    expected: {
      cityCode: "FUK",
      orderRef: "o3",
      subjects: { courier: "k1" },
      details: { reason: "food_damaged" },
    },
  },
  {
    source: "courier_mobility",
    type: "SafetyIncidentReported",
    data: {
      incidentId: "i1",
      courierId: "k1",
      cityCode: "FUK",
      severity: "critical",
      description: "Crash",
      occurredAt: at,
    },
    expected: {
      cityCode: "FUK",
      orderRef: null,
      subjects: { courier: "k1" },
      details: { incidentId: "i1", severity: "critical", description: "Crash" },
    },
  },
  {
    source: "integration_contract",
    type: "ContractChanged",
    data: { contract: "orders-api", version: "2", change: "deprecated", summary: "v1 goes", effectiveAt: at },
    expected: {
      cityCode: null,
      orderRef: null,
      subjects: {},
      details: { contract: "orders-api", version: "2", change: "deprecated", summary: "v1 goes" },
    },
  },
] as const;

describe("normalise (mapping version 1)", () => {
  it.each(CASES)("$source $type", ({ source, type, data, expected }) => {
    const event = normalise({ source, eventId: "e1", type, dataVersion: 1, data }, 1);
    expect(event).toEqual({ type, ref: { source, eventId: "e1" }, occurredAt: when, ...expected });
  });

  it("keeps the optional fields a payload sent and drops the ones it left out", () => {
    const event = normalise(
      {
        source: "courier_mobility",
        eventId: "e",
        type: "DeliveryFailed",
        dataVersion: 1,
        data: {
          orderId: "o",
          courierId: "k",
          consumerId: "c",
          cityCode: "TYO",
          reason: "other",
          failedAt: at,
        },
      },
      1,
    );
    expect(event.subjects).toEqual({ courier: "k", consumer: "c" });
  });

  const raw = CASES[4];
  it.each([
    ["an unknown source", { source: "elsewhere" }, 1, /not a known source/],
    ["an unknown type", { type: "OrderEaten" }, 1, /not in the catalogue/],
    ["a type of another source", { source: "courier_mobility" }, 1, /comes from restaurant_operations/],
    ["a mapping version the source lacks", {}, 7, /no mapping version 7/],
    ["a data version the mapping does not read", { dataVersion: 2 }, 1, /data version 2/],
    ["a payload that fails its schema", { data: { ...raw.data, backlogOrders: -1 } }, 1, /backlogOrders/],
  ])("refuses %s with a MappingError", (_, change, mappingVersion, message) => {
    const input = {
      source: raw.source,
      eventId: "e",
      type: raw.type,
      dataVersion: 1,
      data: raw.data,
      ...change,
    };
    expect(() => normalise(input, mappingVersion)).toThrow(MappingError);
    expect(() => normalise(input, mappingVersion)).toThrow(message);
  });
});
