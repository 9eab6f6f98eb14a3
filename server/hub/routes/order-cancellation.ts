import type { TicketCategory, TicketPriority } from "../../tickets/types.ts";
import type { CANCELLATION_REASONS } from "../catalogue.ts";
import { inboundKey, type Effect } from "./effects.ts";
import { REPEAT_THRESHOLD } from "./facts.ts";
import { origin, type Rule } from "./rule.ts";

type Reason = (typeof CANCELLATION_REASONS)[number];

/** The queue a consumer's cancellation request lands in, and how urgent it is, by the reason given. */
export const CANCELLATION_TICKET: Record<Reason, { category: TicketCategory; priority: TicketPriority }> = {
  late_delivery: { category: "delivery_delay", priority: "P2" },
  wrong_item: { category: "missing_item", priority: "P2" },
  missing_item: { category: "missing_item", priority: "P2" },
  // Money already taken for an order being cancelled: the payment desk, quickly.
  payment_issue: { category: "payment", priority: "P2" },
  restaurant_closed: { category: "order_issue", priority: "P3" },
  changed_mind: { category: "refund_request", priority: "P4" },
  other: { category: "order_issue", priority: "P3" },
};

/**
 * A support ticket linked to the order, and when the same consumer asked to cancel REPEAT_THRESHOLD times or
 * more within a day, a refund_abuse signal about the consumer (the risk engine decides whether it is a case).
 */
export const orderCancellationRule: Rule<"OrderCancellationRequested"> = {
  name: "order-cancellation.ticket",
  needs: ["consumerCancellations24h"],
  plan(event, facts) {
    const { reason, comment, amountYen } = event.details;
    const consumer = event.subjects.consumer ?? "unknown";
    const { category, priority } = CANCELLATION_TICKET[reason];
    const key = inboundKey(event.ref);
    const effects: Effect[] = [
      {
        kind: "ticket",
        ticket: {
          externalId: key,
          subject: `Cancellation requested for order ${event.orderRef} (${reason.replace(/_/g, " ")})`,
          description: [
            `注文 ${event.orderRef} のキャンセル依頼（理由: ${reason}）。`,
            `Consumer ${consumer} asked to cancel order ${event.orderRef}: ${reason}.`,
            ...(comment ? ["", comment] : []),
            ...(amountYen === undefined ? [] : [`Amount: ¥${amountYen}`]),
            "",
            origin(event),
          ].join("\n"),
          priority,
          category,
          source: "consumer",
          language: "ja",
          ...(event.cityCode ? { city: event.cityCode } : {}),
          ...(event.orderRef ? { orderRef: event.orderRef } : {}),
          requesterName: `Consumer ${consumer}`,
        },
      },
    ];
    const repeated = facts.consumerCancellations24h >= REPEAT_THRESHOLD;
    if (repeated) {
      effects.push({
        kind: "risk_signal",
        cityCode: event.cityCode,
        signal: {
          sourceEventId: key,
          type: "refund_abuse",
          subjectType: "consumer",
          subjectId: consumer,
          attributes: {
            orderId: event.orderRef ?? "",
            reason,
            // In the risk rules' vocabulary (risk/default-rule-set.ts): a name they do not know scores nothing.
            refundCount24h: facts.consumerCancellations24h,
            ...(amountYen === undefined ? {} : { amountJpy: amountYen }),
          },
          observedAt: event.occurredAt,
        },
      });
    }
    return {
      rule: this.name,
      why: repeated
        ? `cancellation (${reason}) → ${category} ticket; ${facts.consumerCancellations24h} requests by the consumer in 24 h (≥ ${REPEAT_THRESHOLD}) → refund_abuse signal`
        : `cancellation (${reason}) → ${category} ticket; ${facts.consumerCancellations24h} request(s) by the consumer in 24 h`,
      effects,
    };
  },
};
