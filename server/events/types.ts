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
  // Reports: the daily snapshot of a report was stored (yesterday's figures).
  | "OpsReportGenerated"
  // Retention: one chunk of closed work past the policy archived and deleted (counts per table).
  | "RetentionApplied"
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
  | "SessionsRevoked"
  // On-call and notifications: an escalation step falls due; a page is acknowledged (console or provider).
  | "EscalationStepDue"
  | "NotificationAcknowledged"
  // Workflows: a template version published; an instance started, its steps assigned and done, its approvals
  // answered, sent back and resubmitted, escalated, and how it ended; running instances moved to a newer version.
  | "WorkflowTemplatePublished"
  | "WorkflowInitiated"
  | "WorkflowStepAssigned"
  | "TaskStepCompleted"
  | "WorkflowDecisionRecorded"
  | "WorkflowChangesRequested"
  | "WorkflowResubmitted"
  | "WorkflowApproved"
  | "WorkflowRejected"
  | "WorkflowEscalated"
  | "WorkflowCancelled"
  | "WorkflowCompleted"
  | "WorkflowMigrated"
  // A response plan still open took in a new object of its situation (the same alert rule fired again in the city).
  | "ResponsePlanRelapsed"
  // Notifications: a page delivered or failed (with the provider's receipt), dead letters redriven, a channel saved.
  | "NotificationDelivered"
  | "NotificationFailed"
  | "NotificationsRedriven"
  | "NotificationChannelSaved"
  // On-call's own record of an escalation: started (policy snapshotted), acknowledged, resolved.
  | "EscalationStarted"
  | "EscalationAcknowledged"
  | "EscalationResolved"
  // On-call configuration changes (schedules, overrides, swaps, policies, routes, preferences).
  | "OncallScheduleChanged"
  | "EscalationPolicyChanged"
  | "OncallPreferenceChanged"
  // Incidents: declared (by hand or by correlation), moved through their states, resolved; members joining and
  // removed by hand; status updates and notes posted.
  | "IncidentDeclared"
  | "IncidentStateChanged"
  | "IncidentResolved"
  | "IncidentMemberJoined"
  | "IncidentMemberRemoved"
  | "IncidentUpdatePosted"
  | "IncidentCommanderAssigned"
  // Propagation: a batch of linked tickets to answer publicly or resolve (the tickets domain applies it); a
  // postmortem action item (the tickets domain opens its ticket); a member alert recovered; a response target
  // missed (the sweep escalates once).
  | "IncidentTicketBatchDue"
  | "IncidentActionItemAdded"
  | "IncidentAlertRecovered"
  | "IncidentTargetMissed"
  | "CorrelationRuleSaved";

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
