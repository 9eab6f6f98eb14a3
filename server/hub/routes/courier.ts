import { inboundKey, type Effect } from "./effects.ts";
import { REPEAT_THRESHOLD } from "./facts.ts";
import { bucketIndicator, origin, type Rule } from "./rule.ts";

// Couriers' events: failed deliveries and safety incidents.

/**
 * delivery_failures of the city's bucket (counted from the inbox); a ticket when a consumer is affected; a
 * delivery_fraud signal about the courier once they failed REPEAT_THRESHOLD times or more within a day.
 */
export const deliveryFailedRule: Rule<"DeliveryFailed"> = {
  name: "courier.delivery-failed",
  needs: ["courierFailures24h", "inboxHorizon", "latestBucket"],
  plan(event, facts) {
    const { reason } = event.details;
    const key = inboundKey(event.ref);
    const courier = event.subjects.courier ?? "unknown";
    const consumer = event.subjects.consumer;
    const effects: Effect[] = [];
    const why: string[] = [];
    if (event.cityCode) {
      const bucket = bucketIndicator("delivery_failures", event.cityCode, event.occurredAt, facts);
      if (bucket.effect) effects.push(bucket.effect);
      why.push(bucket.why);
    }
    if (consumer) {
      effects.push({
        kind: "ticket",
        ticket: {
          externalId: key,
          subject: `Delivery of order ${event.orderRef} failed (${reason.replace(/_/g, " ")})`,
          description: [
            `注文 ${event.orderRef} の配達に失敗しました（理由: ${reason}）。`,
            `Courier ${courier} could not deliver order ${event.orderRef} to consumer ${consumer}: ${reason}.`,
            "",
            origin(event),
          ].join("\n"),
          priority: reason === "courier_accident" ? "P1" : "P2",
          category: "delivery_delay",
          source: "courier",
          language: "ja",
          ...(event.cityCode ? { city: event.cityCode } : {}),
          ...(event.orderRef ? { orderRef: event.orderRef } : {}),
          requesterName: `Consumer ${consumer}`,
        },
      });
      why.push("a delivery_delay ticket for the affected consumer");
    }
    if (facts.courierFailures24h >= REPEAT_THRESHOLD) {
      effects.push({
        kind: "risk_signal",
        cityCode: event.cityCode,
        signal: {
          sourceEventId: key,
          type: "delivery_fraud",
          subjectType: "courier",
          subjectId: courier,
          // In the risk rules' vocabulary (risk/default-rule-set.ts): a name they do not know scores nothing.
          attributes: {
            orderId: event.orderRef ?? "",
            reason,
            failedDeliveries24h: facts.courierFailures24h,
          },
          observedAt: event.occurredAt,
        },
      });
      why.push(
        `${facts.courierFailures24h} failures by the courier in 24 h (≥ ${REPEAT_THRESHOLD}) → delivery_fraud signal`,
      );
    }
    return {
      rule: this.name,
      why: `delivery failed (${reason}) → ${why.length > 0 ? why.join("; ") : "nothing: no city, no consumer, no repeat"}`,
      effects,
    };
  },
};

/** Always a P1 courier_safety ticket for the courier team, and a courier_safety signal about the courier. */
export const safetyIncidentRule: Rule<"SafetyIncidentReported"> = {
  name: "courier.safety-incident",
  needs: [],
  plan(event) {
    const { incidentId, severity, description } = event.details;
    const key = inboundKey(event.ref);
    const courier = event.subjects.courier ?? "unknown";
    return {
      rule: this.name,
      why: `safety incident (${severity}) → P1 courier_safety ticket and courier_safety signal`,
      effects: [
        {
          kind: "ticket",
          ticket: {
            externalId: key,
            subject: `Safety incident (${severity}) reported by courier ${courier}`,
            description: [
              `配達員 ${courier} から安全に関する報告（${severity}）がありました。`,
              description,
              "",
              `Incident ${incidentId}${event.orderRef ? ` · order ${event.orderRef}` : ""}`,
              origin(event),
            ].join("\n"),
            priority: "P1",
            category: "courier_safety",
            source: "courier",
            language: "ja",
            ...(event.cityCode ? { city: event.cityCode } : {}),
            ...(event.orderRef ? { orderRef: event.orderRef } : {}),
            requesterName: `Courier ${courier}`,
          },
        },
        {
          kind: "risk_signal",
          cityCode: event.cityCode,
          signal: {
            sourceEventId: key,
            type: "courier_safety",
            subjectType: "courier",
            subjectId: courier,
            attributes: { incidentId, severity, ...(event.orderRef ? { orderId: event.orderRef } : {}) },
            observedAt: event.occurredAt,
          },
        },
      ],
    };
  },
};
