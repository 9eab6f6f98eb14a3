// Every domain event type the console records. Consumers (live updates, integrations) switch on these.
export const EVENT_TYPES = [
  "TicketCreated",
  "TicketAssigned",
  "TicketStatusUpdated",
  "TicketUpdated",
  "TicketCommented",
  "TicketResolved",
  "TicketEscalated",
  "SlaBreached",
  "RiskDetected",
  "RiskAssessed",
  "MitigationStarted",
  "MitigationCompleted",
  "CaseClosed",
  "PiiRevealed",
  "RuleSetPublished",
  "RuleSetDrafted",
  "RuleSetUpdated",
  "RiskAcknowledged",
  "RiskEscalated",
  "MitigationPlanned",
  "MitigationCancelled",
  "RiskTicketLinked",
  "IndicatorUpdated",
  "AlertTriggered",
  "AlertResolved",
  "AlertAcknowledged",
  "AlertSilenced",
  "ResponsePlanExecuted",
  "ResponsePlanStarted",
  "AlertRuleCreated",
  "AlertRuleUpdated",
  "IndicatorsPruned",
  "ApiClientCreated",
  "ApiClientDisabled",
  "EventDeliveryRedriven",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export type ActorType = "user" | "api_client" | "system";

export interface Actor {
  type: ActorType;
  id: string | null;
}

export const SYSTEM_ACTOR: Actor = { type: "system", id: null };

/** Who did it and which request it belongs to; passed from the edge to every recorder call. */
export interface EventContext {
  actor: Actor;
  correlationId: string;
  causationId?: string;
}
