import type { EventType } from "./types.ts";

// Which consumer hears which event types. Plain data beside the event log, so recording an event can fan it out
// to its consumers' work lists in the same transaction without knowing any consumer's code. Each name here has
// exactly one handler in server/backbone/consumers.ts (a test holds the two lists together).
export const CONSUMER_SUBSCRIPTIONS = {
  "tickets.alert-tickets": ["AlertTriggered"],
  "risk.alert-signals": ["AlertTriggered"],
  "notifications.escalation-pages": ["EscalationStepDue"],
  "notifications.provider-sync": ["EscalationAcknowledged", "EscalationResolved"],
  "notifications.daily-report": ["OpsReportGenerated"],
  "oncall.tickets": [
    "TicketCreated",
    "SlaBreached",
    "TicketAssigned",
    "TicketStatusUpdated",
    "TicketResolved",
  ],
  "oncall.risk": ["RiskDetected", "RiskEscalated", "RiskAcknowledged", "CaseClosed"],
  "oncall.alerts": ["AlertTriggered", "AlertAcknowledged", "AlertResolved"],
  "oncall.acknowledgements": ["NotificationAcknowledged"],
  "oncall.workflows": [
    "WorkflowStepAssigned",
    "WorkflowEscalated",
    "WorkflowDecisionRecorded",
    "TaskStepCompleted",
    "WorkflowApproved",
    "WorkflowRejected",
    "WorkflowChangesRequested",
    "WorkflowCancelled",
    "WorkflowCompleted",
  ],
  // A silent event source pages; its next event resolves the page.
  "oncall.event-sources": ["InboundSourceSilent", "InboundSourceResumed"],
  "oncall.incidents": [
    "IncidentDeclared",
    "IncidentTargetMissed",
    "IncidentStateChanged",
    "IncidentResolved",
  ],
  "reports.ticket-facts": [
    "TicketCreated",
    "TicketAssigned",
    "TicketStatusUpdated",
    "TicketUpdated",
    "TicketCommented",
    "TicketResolved",
    "TicketEscalated",
    "SlaBreached",
  ],
  "tickets.capacity-freed": [
    "TicketStatusUpdated",
    "TicketAssigned",
    "TicketUpdated",
    "UserUpdated",
    "UserReactivated",
  ],
  // Workflow bindings: triggers start templates; a bound object's changes move (and its closing ends) its
  // instances; the engine's own events let a newly active wait step catch up with an event it missed.
  "workflows.bindings": [
    "TicketCreated",
    "TicketStatusUpdated",
    "TicketResolved",
    "RiskDetected",
    "RiskEscalated",
    "CaseClosed",
    "AlertTriggered",
    "AlertResolved",
    "IncidentResolved",
    "WorkflowInitiated",
    "TaskStepCompleted",
  ],
  // A step with an SLA starts its clock on the owning team's calendar when it is assigned.
  "workflows.step-sla": ["WorkflowStepAssigned"],
  // Incident correlation: member events offered to every correlation rule (server/incidents/correlation-consumer.ts).
  "incidents.correlation": ["TicketCreated", "RiskDetected", "AlertTriggered"],
  // An incident's postmortem completing ends it; a member alert's recovery shows on it.
  "incidents.lifecycle": ["WorkflowCompleted", "AlertResolved"],
  // An incident's public update or resolution reaches its linked tickets, one batch per transaction.
  "tickets.incident-propagation": ["IncidentTicketBatchDue"],
  // A postmortem action item becomes a ticket.
  "tickets.incident-action-items": ["IncidentActionItemAdded"],
} as const satisfies Record<string, readonly EventType[]>;

export type ConsumerName = keyof typeof CONSUMER_SUBSCRIPTIONS;

export const CONSUMER_NAMES = Object.keys(CONSUMER_SUBSCRIPTIONS) as ConsumerName[];

/** (consumer, event type) pairs, flat, for the fan-out in recordEvents' SQL. */
export const SUBSCRIPTION_PAIRS: { consumers: string[]; types: string[] } = {
  consumers: CONSUMER_NAMES.flatMap((name) => CONSUMER_SUBSCRIPTIONS[name].map(() => name)),
  types: CONSUMER_NAMES.flatMap((name) => [...CONSUMER_SUBSCRIPTIONS[name]]),
};

/** The consumers subscribed to each event type, for waking them when one commits. */
export const SUBSCRIBERS_BY_TYPE: ReadonlyMap<string, readonly ConsumerName[]> = new Map(
  [...new Set(SUBSCRIPTION_PAIRS.types)].map((type) => [
    type,
    CONSUMER_NAMES.filter((name) => (CONSUMER_SUBSCRIPTIONS[name] as readonly string[]).includes(type)),
  ]),
);
