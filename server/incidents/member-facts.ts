import type { DeliveredEvent } from "../events/delivered-event.ts";
import { alertTriggeredPayload, riskCaseEventPayload, ticketCreatedPayload } from "../events/payloads.ts";
import type { IncidentMemberKind } from "./contract.ts";
import type { MemberFact } from "./correlation-rule.ts";

// What correlation reads of a member event: the kind, what it is about, the keys it can count under and who
// reported it. Read from the payload alone (schemas in events/payloads.ts): a payload failing its schema is a
// consumer failure, retried and then dead-lettered, never a silent skip.

/** The incident member kind a fact becomes (a risk signal joins as its case). */
export const memberKindOf = (fact: MemberFact): IncidentMemberKind =>
  fact.kind === "risk_signal" ? "risk_case" : fact.kind;

export function memberFactOf(event: DeliveredEvent): MemberFact | null {
  const base = { eventId: event.id, at: event.occurredAt };
  switch (event.type) {
    case "TicketCreated": {
      const p = ticketCreatedPayload.parse(event.payload);
      return {
        ...base,
        kind: "ticket",
        memberId: event.aggregateId,
        category: p.category,
        alertRuleId: null,
        keys: compact({ city: p.cityId, restaurant: p.restaurantId, courier: p.courierId, area: p.area }),
        // Without a requester key every ticket counts as its own reporter.
        reporter: p.requesterKey ? `requester:${p.requesterKey}` : `ticket:${event.aggregateId}`,
      };
    }
    case "RiskDetected": {
      const p = riskCaseEventPayload.parse(event.payload);
      return {
        ...base,
        kind: "risk_signal",
        memberId: event.aggregateId,
        category: p.type ?? null,
        alertRuleId: null,
        keys: compact({
          city: p.cityId,
          restaurant: p.subjectType === "restaurant" ? p.subjectId : null,
          courier: p.subjectType === "courier" ? p.subjectId : null,
        }),
        reporter: `risk_case:${event.aggregateId}`,
      };
    }
    case "AlertTriggered": {
      const p = alertTriggeredPayload.parse(event.payload);
      return {
        ...base,
        kind: "alert",
        memberId: p.alertId,
        category: p.metric,
        alertRuleId: p.ruleId,
        keys: { city: p.cityId },
        reporter: `alert_rule:${p.ruleId}`,
      };
    }
    default:
      return null;
  }
}

function compact(keys: Record<string, string | null | undefined>): MemberFact["keys"] {
  return Object.fromEntries(Object.entries(keys).filter((entry): entry is [string, string] => !!entry[1]));
}
