import type { ConsumerHandler } from "../events/delivered-event.ts";
import type { ConsumerName } from "../events/subscriptions.ts";
import { updateTicketFacts } from "../reports/ticket-fact-consumer.ts";
import {
  acknowledgeFromNotifications,
  escalateAlerts,
  escalateRiskCases,
  escalateTicketEvents,
} from "../oncall/triggers.ts";
import { escalateIncidents, escalateWorkflows } from "../oncall/workflow-incident-triggers.ts";
import { escalateEventSources } from "../oncall/event-source-triggers.ts";
import { correlateMemberEvents } from "../incidents/correlation-consumer.ts";
import { followIncidentLifecycle } from "../incidents/lifecycle-consumer.ts";
import { emailDailyReport } from "../notifications/daily-report-consumer.ts";
import { enqueueEscalationPages } from "../notifications/escalation-consumer.ts";
import { syncProviderOnEscalationEnd } from "../notifications/provider-sync-consumer.ts";
import { sendRiskSignalForAlert } from "../risk/alert-signal-consumer.ts";
import { openTicketForAlert } from "../tickets/alert-ticket-consumer.ts";
import { applyIncidentTicketBatch, openActionItemTicket } from "../tickets/incident-consumer.ts";
import { routeWaitingTicketsOnFreedCapacity } from "../tickets/capacity-routing.ts";
import { moveWorkflowsOnBoundEventBatch } from "../workflows/bindings/consumer.ts";
import { scheduleStepSla } from "../workflows/sla/schedule-consumer.ts";

// Each consumer named in events/subscriptions.ts and the domain function that handles its events. The backbone
// sits above the domains: it imports their handlers, they never import it.
const CONSUMER_HANDLERS: Record<ConsumerName, ConsumerHandler> = {
  "tickets.alert-tickets": openTicketForAlert,
  "risk.alert-signals": sendRiskSignalForAlert,
  "notifications.escalation-pages": enqueueEscalationPages,
  "notifications.provider-sync": syncProviderOnEscalationEnd,
  "notifications.daily-report": emailDailyReport,
  "oncall.tickets": escalateTicketEvents,
  "oncall.risk": escalateRiskCases,
  "oncall.alerts": escalateAlerts,
  "oncall.acknowledgements": acknowledgeFromNotifications,
  "oncall.workflows": escalateWorkflows,
  "oncall.incidents": escalateIncidents,
  "oncall.event-sources": escalateEventSources,
  "reports.ticket-facts": updateTicketFacts,
  "tickets.capacity-freed": routeWaitingTicketsOnFreedCapacity,
  "workflows.bindings": moveWorkflowsOnBoundEventBatch,
  "workflows.step-sla": scheduleStepSla,
  "incidents.correlation": correlateMemberEvents,
  "incidents.lifecycle": followIncidentLifecycle,
  "tickets.incident-propagation": applyIncidentTicketBatch,
  "tickets.incident-action-items": openActionItemTicket,
};

export const consumerHandlers = (): ReadonlyMap<string, ConsumerHandler> =>
  new Map(Object.entries(CONSUMER_HANDLERS));
