import type { NormalisedOf } from "../mapping/normalised.ts";
import { inboundKey, type RouteDecision } from "./effects.ts";
import type { RouteFacts } from "./facts.ts";
import type { Rule } from "./rule.ts";

// What happens to an order afterwards goes on the timeline of the tickets about it, as an internal comment. An
// order with no open ticket has no timeline to add to: the event is kept unrouted with that reason.

function commentOnOrderTickets(
  rule: string,
  event: { orderRef: string | null; ref: NormalisedOf<"OrderStatusUpdated">["ref"] },
  facts: RouteFacts,
  body: string,
): RouteDecision {
  const tickets = facts.orderTickets;
  if (tickets.length === 0) return { rule, why: `no ticket for order ${event.orderRef}`, effects: [] };
  // The comment ends with its event's key in parentheses, which is what a redelivery looks for: the closing
  // parenthesis keeps event e1 from matching a comment of event e12.
  const marker = `(${inboundKey(event.ref)})`;
  return {
    rule,
    why: `order ${event.orderRef} → comment on ticket ${tickets.map((t) => `#${t.number}`).join(", ")}`,
    effects: [
      {
        kind: "ticket_comment",
        ticketIds: tickets.map((t) => t.id),
        body: `${body}\n\n${marker}`,
        marker,
      },
    ],
  };
}

export const orderStatusRule: Rule<"OrderStatusUpdated"> = {
  name: "order.status-timeline",
  needs: ["orderTickets"],
  plan(event, facts) {
    const { status, note } = event.details;
    const line = `Order ${event.orderRef} is now ${status.replace(/_/g, " ")} (${event.occurredAt.toISOString()}).`;
    return commentOnOrderTickets(this.name, event, facts, note ? `${line}\n${note}` : line);
  },
};

export const consumerNotifiedRule: Rule<"ConsumerNotified"> = {
  name: "order.notification-timeline",
  needs: ["orderTickets"],
  plan(event, facts) {
    const { channel, message } = event.details;
    const line = `Consumer ${event.subjects.consumer} was notified by ${channel} (${event.occurredAt.toISOString()}):`;
    return commentOnOrderTickets(this.name, event, facts, `${line}\n${message}`);
  },
};
