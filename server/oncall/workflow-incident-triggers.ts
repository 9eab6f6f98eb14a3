import { z } from "zod";
import { withTransaction } from "../db/transaction.ts";
import type { EventHandler } from "../events/delivered-event.ts";
import { workflowEventPayload } from "../events/payloads.ts";
import { escalateAnew, escalateFor } from "./trigger-start.ts";
import { acknowledge, resolve } from "./trigger-endings.ts";
import type { Severity } from "./working-hours.ts";

// Workflow approvals and incidents as backbone consumers, the same way as the ticket, risk and alert triggers: the
// events say who is waited on; the routed (or built-in) policy, its `assignees` targets and each responder's
// preferences decide who is paged how. Nothing here reads the workflow or incident tables.

/**
 * Workflows: an approval step assigned (or delegated, reassigned) pages its approvers; the step SLA sweep's
 * reminder pages the step's holders and its breach their managers (each replacing the last); a decision
 * acknowledges; the step done or the instance ended resolves. An escalation is kept per instance and trigger, so
 * two approval steps of one instance running side by side page in turn, the newer replacing the older.
 */
export const escalateWorkflows: EventHandler = async (db, context, event) => {
  const flow = workflowEventPayload.parse(event.payload);
  const step = flow.stepKey ?? "";
  const base = {
    objectType: "workflow" as const,
    objectId: flow.instanceId,
    path: `/workflows/${flow.instanceId}`,
    teamId: null,
    assignees: flow.userIds ?? [],
  };
  switch (event.type) {
    case "WorkflowStepAssigned":
      if (flow.stepKind !== "approval") return `${flow.stepKind ?? "unknown"} step: no approval requested`;
      return withTransaction(db, (tx) =>
        escalateAnew(tx, context, {
          ...base,
          triggers: ["workflow.approval_requested"],
          triggerKey: `workflow.approval:${event.id}`,
          severity: "info",
          title: `Approval requested: ${flow.templateKey} — ${step}`,
        }),
      );
    case "WorkflowEscalated": {
      if (flow.reason !== "sla_reminder" && flow.reason !== "sla_breached")
        return `escalated by hand (${flow.reason ?? "no reason"}): the new assignment pages`;
      const breached = flow.reason === "sla_breached";
      return withTransaction(db, (tx) =>
        escalateAnew(tx, context, {
          ...base,
          triggers: ["workflow.stalled"],
          triggerKey: `workflow.stalled:${event.id}`,
          severity: breached ? "high" : "warning",
          title: `${breached ? "Overdue" : "Due soon"}: ${flow.templateKey} — ${step}`,
        }),
      );
    }
    case "WorkflowDecisionRecorded":
      return acknowledge(db, context, event, null);
    case "TaskStepCompleted":
    case "WorkflowApproved":
    case "WorkflowRejected":
    case "WorkflowChangesRequested":
    case "WorkflowCancelled":
    case "WorkflowCompleted":
      return resolve(db, context, event);
    default:
      return `ignored ${event.type}`;
  }
};

const incidentPayload = z.object({
  incidentId: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  priority: z.enum(["P1", "P2", "P3", "P4"]),
  commanderId: z.uuid().nullable().optional(),
});

const INCIDENT_SEVERITY: Readonly<Record<string, Severity>> = {
  P1: "critical",
  P2: "high",
  P3: "warning",
  P4: "info",
};

// A missed response target pages one severity above the incident's own: the declared page was not enough.
const MISSED_SEVERITY: Readonly<Record<string, Severity>> = {
  P1: "critical",
  P2: "critical",
  P3: "high",
  P4: "warning",
};

const targetMissedPayload = incidentPayload.extend({ target: z.enum(["respond", "mitigate"]) });

/**
 * Incidents: declaring one (by hand or by correlation) escalates by its priority's policy, its commander being
 * the `assignees`; a person moving it on (triage, investigation…) acknowledges; resolving it ends the escalation.
 * The response sweep's missed target pages the next level once per incident and target (the mitigation miss
 * replacing the acknowledgement miss); the sweep's own move to Escalated is no one's acknowledgement.
 */
export const escalateIncidents: EventHandler = async (db, context, event) => {
  switch (event.type) {
    case "IncidentDeclared": {
      const incident = incidentPayload.parse(event.payload);
      return withTransaction(db, (tx) =>
        escalateFor(tx, context, {
          triggers: [`incident.${incident.priority.toLowerCase()}`],
          triggerKey: `incident.declared:${incident.incidentId}`,
          objectType: "incident",
          objectId: incident.incidentId,
          severity: INCIDENT_SEVERITY[incident.priority]!,
          title: `${incident.priority} incident #${incident.number}: ${incident.title}`,
          path: `/incidents/${incident.incidentId}`,
          teamId: null,
          assignees: incident.commanderId ? [incident.commanderId] : [],
        }),
      );
    }
    case "IncidentTargetMissed": {
      const missed = targetMissedPayload.parse(event.payload);
      return withTransaction(db, (tx) =>
        escalateAnew(tx, context, {
          triggers: ["incident.target_missed"],
          triggerKey: `incident.target_missed:${missed.incidentId}:${missed.target}`,
          objectType: "incident",
          objectId: missed.incidentId,
          severity: MISSED_SEVERITY[missed.priority]!,
          title: `${missed.target === "respond" ? "Unacknowledged" : "Not mitigated"}: ${missed.priority} incident #${missed.number}: ${missed.title}`,
          path: `/incidents/${missed.incidentId}`,
          teamId: null,
          assignees: missed.commanderId ? [missed.commanderId] : [],
        }),
      );
    }
    case "IncidentStateChanged":
      // Correlation reopening a linked incident is no one's acknowledgement.
      if (event.actorType !== "user") return "not a person's acknowledgement";
      return acknowledge(db, context, event, null);
    case "IncidentResolved":
      return resolve(db, context, event);
    default:
      return `ignored ${event.type}`;
  }
};
