// Every domain event type the console records. Consumers (live updates, integrations) switch on these.
export type EventType =
  | "TicketCreated"
  | "TicketAssigned"
  | "TicketStatusUpdated"
  | "TicketUpdated"
  | "TicketCommented"
  | "TicketResolved"
  | "TicketEscalated"
  | "SlaBreached"
  | "RiskDetected"
  | "RiskAssessed"
  | "MitigationStarted"
  | "MitigationCompleted"
  | "CaseClosed"
  | "PiiRevealed"
  | "RuleSetPublished"
  | "RuleSetDrafted"
  | "RuleSetUpdated"
  | "RiskAcknowledged"
  | "RiskEscalated"
  | "MitigationPlanned"
  | "MitigationCancelled"
  | "RiskTicketLinked"
  | "IndicatorUpdated"
  | "AlertTriggered"
  | "AlertResolved"
  | "AlertAcknowledged"
  | "AlertSilenced"
  | "ResponsePlanExecuted"
  | "ResponsePlanStarted"
  | "AlertRuleCreated"
  | "AlertRuleUpdated"
  | "IndicatorsPruned"
  | "ApiClientCreated"
  | "ApiClientDisabled"
  | "ApiClientSecretRotated"
  | "EventDeliveryRedriven"
  | "InboundEventReplayed"
  | "InboundSourceSilent"
  | "InboundSourceResumed"
  | "EventSourcePaused"
  | "EventSourceResumed"
  | "EventSourceSecretRotated"
  // Processing: a contract change notice taken in as an operations alert; an inbox event given up on.
  | "ContractChangeReceived"
  | "InboundEventDeadLettered"
  // Users and their sign-in: administration and each person's own account (never a secret in the payload).
  | "UserInvited"
  | "UserInviteAccepted"
  | "UserUpdated"
  | "UserDeactivated"
  | "UserReactivated"
  | "UserMfaReset"
  | "MfaEnrolled"
  | "PasswordChanged"
  | "SessionsRevoked";

export type ActorType = "user" | "api_client" | "system";

interface Actor {
  type: ActorType;
  id: string | null;
}

/**
 * What the recorder writes of a ServiceContext: who did it and which request (and event) it belongs to. Every
 * ServiceContext is one; tests of the recorder alone may pass just these fields.
 */
export interface EventContext {
  actor: Actor;
  correlationId: string;
  causationId?: string;
}
