import { escalationObjectPath, restAcknowledged, restOncallSchedules } from "../../api/rest/oncall.ts";
import type { OpenApiArea } from "./operation.ts";

export const oncallArea: OpenApiArea = {
  tag: {
    name: "On-call",
    description:
      "Schedules (who is on call now and next) and acknowledging the escalation of a paged object.",
  },
  operations: [
    {
      operationId: "listOncallSchedules",
      method: "get",
      path: "/api/operations/oncall/schedules",
      scope: "oncall:read",
      summary: "Who is on call",
      description:
        "Every schedule with the person on call now (until when), the next shift, and the coverage gaps in the next " +
        "14 days. Overrides and shift swaps are applied.",
      responses: { 200: { description: "The schedules.", schema: restOncallSchedules } },
    },
    {
      operationId: "acknowledgeEscalation",
      method: "post",
      path: "/api/operations/escalations/{objectType}/{objectId}/acknowledge",
      scope: "oncall:write",
      summary: "Acknowledge an object's escalation",
      description:
        "Ends every live escalation of the object at once: no pending step fires after this answers. Idempotent: " +
        "again (or for an object not escalating) it answers `acknowledged: 0`.",
      params: escalationObjectPath,
      responses: { 200: { description: "What was acknowledged.", schema: restAcknowledged } },
      errors: { 404: true },
    },
  ],
};
