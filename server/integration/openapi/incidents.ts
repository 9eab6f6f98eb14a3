import { z } from "zod";
import {
  restActionItem,
  restActionItemBody,
  restDeclareBody,
  restIncident,
  restIncidentList,
  restIncidentListQuery,
  restPatchBody,
  restTimelineExport,
} from "../../api/rest/incidents.ts";
import type { OpenApiArea } from "./operation.ts";

export const incidentsArea: OpenApiArea = {
  tag: {
    name: "Incidents",
    description:
      "One problem seen once: tickets, risk cases and city alerts gathered into an incident by hand or by a " +
      "correlation rule. Priorities P1–P4 carry response targets (respondDueAt, mitigateDueAt).",
  },
  operations: [
    {
      operationId: "listIncidents",
      method: "get",
      path: "/api/operations/incidents",
      scope: "incidents:read",
      summary: "List incidents, newest first",
      query: restIncidentListQuery,
      parameterNotes: { state: "open (default) or all.", limit: "At most 200; default 50." },
      responses: { 200: { description: "The incidents.", schema: restIncidentList } },
    },
    {
      operationId: "declareIncident",
      method: "post",
      path: "/api/operations/incidents",
      scope: "incidents:write",
      summary: "Declare an incident",
      description:
        "By hand, optionally from a ticket, risk case or alert (`source`, which becomes its first member), and " +
        "optionally following on from a resolved incident (`linkedIncidentId`).",
      body: restDeclareBody,
      responses: { 201: { description: "Declared.", schema: restIncident } },
      errors: {
        400: "`linkedIncidentId` names no resolved incident.",
        422: "`source` names no ticket, risk case or alert; the message names the field.",
      },
    },
    {
      operationId: "updateIncidentState",
      method: "patch",
      path: "/api/operations/incidents/{id}",
      scope: "incidents:write",
      summary: "Move an incident to another state",
      description:
        "Detected → Triaged → Investigating → Identified → Mitigating → Resolved → PostMortem, with Escalated on " +
        "the way. Send the `version` you last read.",
      params: z.object({ id: z.uuid().describe("Incident id (a UUID; anything else answers 404).") }),
      body: restPatchBody,
      responses: { 200: { description: "The incident after the change.", schema: restIncident } },
      errors: {
        404: "No incident has this id.",
        409: "A stale version: `error.details.current` is the incident as it is now.",
        422: "A refused transition; the message says why.",
      },
    },
    {
      operationId: "exportIncidentTimeline",
      method: "get",
      path: "/api/operations/incidents/{id}/timeline",
      scope: "incidents:read",
      summary: "Export an incident's timeline",
      description:
        "The postmortem's timeline: the incident's own events, its members' events and the responders' notes " +
        "(a note's `summary` is its visibility and text), oldest first. `truncated` is true when the incident " +
        "has more than 5,000 members or 10,000 events.",
      params: z.object({ id: z.uuid().describe("Incident id (a UUID; anything else answers 404).") }),
      responses: { 200: { description: "The timeline.", schema: restTimelineExport } },
      errors: { 404: "No incident has this id." },
    },
    {
      operationId: "addIncidentActionItem",
      method: "post",
      path: "/api/operations/incidents/{id}/action-items",
      scope: "incidents:write",
      summary: "Add a postmortem action item",
      description:
        "An action item of a resolved incident's postmortem, recorded on the incident (IncidentActionItemAdded) " +
        "and opened as one internal ticket of its `category` (its externalId is `incident-action:{itemId}`).",
      params: z.object({ id: z.uuid().describe("Incident id (a UUID; anything else answers 404).") }),
      body: restActionItemBody,
      responses: { 201: { description: "Recorded; the ticket follows.", schema: restActionItem } },
      errors: {
        404: "No incident has this id.",
        422: "The incident is still open: action items come from the postmortem of a resolved incident.",
      },
    },
  ],
};
