import { bucketIndicator, type Rule } from "./rule.ts";

// Restaurants' kitchens → the city's kitchen_overloads indicator (restaurants flagged overloaded in the 5-minute
// bucket). The value is counted from the inbox: distinct restaurants with a KitchenOverloaded, or an order
// rejected because the kitchen was overloaded, in that bucket and city.
//
// Rejections for other reasons feed nothing: cancellation_rate is cancellations over the bucket's orders, and
// the hub does not receive the orders (the cities ingest does), so a rate made here would be invented. They are
// kept unrouted, with that reason, and counted.

export const kitchenOverloadedRule: Rule<"KitchenOverloaded"> = {
  name: "kitchen.overloads",
  needs: ["inboxHorizon", "latestBucket"],
  plan(event, facts) {
    if (!event.cityCode) return { rule: this.name, why: "the event names no city", effects: [] };
    const { effect, why } = bucketIndicator("kitchen_overloads", event.cityCode, event.occurredAt, facts);
    return {
      rule: this.name,
      why: `kitchen overloaded (${event.details.backlogOrders} orders waiting) → ${why}`,
      effects: effect ? [effect] : [],
    };
  },
};

export const orderRejectedRule: Rule<"OrderRejected"> = {
  name: "kitchen.rejections",
  needs: ["inboxHorizon", "latestBucket"],
  plan(event, facts) {
    const { reason } = event.details;
    if (reason !== "kitchen_overloaded" || !event.cityCode) {
      return {
        rule: this.name,
        why: `rejected (${reason}): only a rejection for an overloaded kitchen feeds an indicator; cancellation_rate needs the bucket's order count, which the hub does not receive`,
        effects: [],
      };
    }
    const { effect, why } = bucketIndicator("kitchen_overloads", event.cityCode, event.occurredAt, facts);
    return {
      rule: this.name,
      why: `rejected because the kitchen is overloaded → ${why}`,
      effects: effect ? [effect] : [],
    };
  },
};
