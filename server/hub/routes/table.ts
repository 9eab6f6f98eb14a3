import type { InboundType } from "../catalogue.ts";
import type { NormalisedEvent } from "../mapping/normalised.ts";
import { contractChangedRule } from "./contract.ts";
import { deliveryFailedRule, safetyIncidentRule } from "./courier.ts";
import type { RouteDecision } from "./effects.ts";
import type { FactName, RouteFacts } from "./facts.ts";
import { kitchenOverloadedRule, orderRejectedRule } from "./kitchen.ts";
import { orderCancellationRule } from "./order-cancellation.ts";
import { consumerNotifiedRule, orderStatusRule } from "./order-timeline.ts";
import type { Rule } from "./rule.ts";

/** The routing table: one rule per subscribed type. A type left out is kept unrouted. */
export const ROUTES: { [T in InboundType]?: Rule<T> } = {
  OrderCancellationRequested: orderCancellationRule,
  OrderRejected: orderRejectedRule,
  KitchenOverloaded: kitchenOverloadedRule,
  DeliveryFailed: deliveryFailedRule,
  SafetyIncidentReported: safetyIncidentRule,
  ContractChanged: contractChangedRule,
  OrderStatusUpdated: orderStatusRule,
  ConsumerNotified: consumerNotifiedRule,
};

function ruleFor<T extends InboundType>(type: T): Rule<T> | undefined {
  return ROUTES[type] as Rule<T> | undefined;
}

/** The facts the event's rule needs read before it runs. */
export function factsNeeded(event: NormalisedEvent): readonly FactName[] {
  return ruleFor(event.type)?.needs ?? [];
}

/** The rule's decision, or "no route" when the table has none for the type. */
export function route(event: NormalisedEvent, facts: RouteFacts): RouteDecision {
  const rule = ruleFor(event.type);
  if (!rule) return { rule: "none", why: `no route for ${event.type}`, effects: [] };
  // ruleFor(event.type) is the rule written for this very member of the union.
  return rule.plan(event as never, facts);
}
