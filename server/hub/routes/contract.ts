import { inboundKey } from "./effects.ts";
import { origin, type Rule } from "./rule.ts";

// A contract change notice → an operations alert. The console's alerts are per city and metric, raised by the
// evaluator from indicator data, and a contract has neither; so the alert is a ticket (someone owns it, it has an
// SLA and a timeline) and a domain event ContractChangeReceived (the outbound feed and live views carry it, and a
// workflow can subscribe). The ticket goes to the restaurant team: of the three support teams it owns the
// partners' integrations (onboarding, menu feeds). A breaking change is P2, any other P3.

export const contractChangedRule: Rule<"ContractChanged"> = {
  name: "contract.changed",
  needs: [],
  plan(event) {
    const { contract, version, change, summary } = event.details;
    const priority = change === "breaking" ? "P2" : "P3";
    return {
      rule: this.name,
      why: `${change} change of ${contract} ${version} → ${priority} restaurant_onboarding ticket and ContractChangeReceived`,
      effects: [
        {
          kind: "ticket",
          ticket: {
            externalId: inboundKey(event.ref),
            subject: `Contract ${contract} ${version}: ${change} change`,
            description: [
              `連携契約 ${contract} ${version} が変更されます（${change}）。`,
              summary,
              "",
              `Effective ${event.occurredAt.toISOString()}`,
              origin(event),
            ].join("\n"),
            priority,
            category: "restaurant_onboarding",
            source: "internal",
            language: "ja",
            requesterName: "Integration contracts",
          },
        },
        {
          kind: "contract_change",
          payload: {
            source: event.ref.source,
            eventId: event.ref.eventId,
            contract,
            version,
            change,
            summary,
            effectiveAt: event.occurredAt.toISOString(),
          },
        },
      ],
    };
  },
};
