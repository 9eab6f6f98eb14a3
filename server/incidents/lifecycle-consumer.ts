import { withTransaction } from "../db/transaction.ts";
import type { EventHandler } from "../events/delivered-event.ts";
import { workflowEventPayload } from "../events/payloads.ts";
import { recordEvents } from "../events/record.ts";
import { incidentEvent } from "./events.ts";
import { findIncident, lockIncident, updateIncidentAtVersion } from "./incident-repository.ts";
import { markAlertRecovered } from "./lifecycle-repository.ts";
import { transition } from "./state-machine.ts";

// Consumer incidents.lifecycle: what other domains' events do to incidents. The postmortem workflow the engine
// started on IncidentResolved completing takes its incident to PostMortem, the final state (an incident reopened
// meanwhile stays where it is); a member alert's recovery is marked on the incident and shown in its timeline.
// Both are idempotent on the event: a replay finds the incident moved and the member marked.

/** The workflow template the engine starts when an incident resolves (server/workflows/templates). */
const POSTMORTEM_TEMPLATE = "incident_postmortem";

export const followIncidentLifecycle: EventHandler = async (db, context, event) => {
  if (event.type === "AlertResolved") {
    return withTransaction(db, async (tx) => {
      const incidentIds = await markAlertRecovered(tx, event.aggregateId, event.occurredAt);
      const incidents = [];
      for (const id of incidentIds) incidents.push(await findIncident(tx, id));
      await recordEvents(
        tx,
        context,
        incidents.flatMap((incident) =>
          incident
            ? [
                incidentEvent("IncidentAlertRecovered", incident, {
                  alertId: event.aggregateId,
                  reason: "alert recovered",
                }),
              ]
            : [],
        ),
      );
      return `alert recovered in ${incidentIds.length} incidents`;
    });
  }
  if (event.type !== "WorkflowCompleted") return `ignored ${event.type}`;
  const workflow = workflowEventPayload.parse(event.payload);
  if (workflow.boundType !== "incident" || workflow.templateKey !== POSTMORTEM_TEMPLATE)
    return `not a postmortem (${workflow.templateKey})`;
  return withTransaction(db, async (tx) => {
    const incident = await lockIncident(tx, workflow.boundId);
    if (!incident) return `no incident ${workflow.boundId}`;
    if (incident.state === "postmortem") return `incident #${incident.number} is in its postmortem already`;
    if (!transition(incident.state, "postmortem").ok)
      return `incident #${incident.number} is ${incident.state}: it stays`;
    const updated = await updateIncidentAtVersion(tx, incident.id, incident.version, {
      state: "postmortem",
      updatedAt: context.clock.now(),
    });
    // The row lock above makes a lost race impossible.
    if (!updated) throw new Error(`incident ${incident.id} moved under its row lock`);
    await recordEvents(tx, context, [
      incidentEvent("IncidentStateChanged", updated, {
        from: incident.state,
        reason: "postmortem completed",
        workflowInstanceId: workflow.instanceId,
      }),
    ]);
    return `incident #${incident.number} reached its postmortem`;
  });
};
