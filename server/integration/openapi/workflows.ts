import { z } from "zod";
import { restDecisionBody, restWorkflowListQuery } from "../../api/rest/workflows.ts";
import { startInput } from "../../workflows/contract.ts";
import { listPage, workflowDetail, workflowView } from "../../workflows/read-contract.ts";
import { INSTANCE_STATES } from "../../workflows/runtime-types.ts";
import type { OpenApiArea } from "./operation.ts";

const workflowId = z.object({
  id: z.uuid().describe("Workflow instance id (a UUID; anything else answers 404)."),
});

const REFUSAL =
  "The compliance policy refused the decision (or no one can act on a step of the new instance); " +
  "`error.details.reason` is machine-readable (e.g. approver_is_initiator, not_a_candidate, step_not_active, " +
  "required_role_missing, checklist_incomplete). The refusal is in the audit log.";

export const workflowsArea: OpenApiArea = {
  tag: {
    name: "Workflows",
    description:
      "Ops workflows: instances of versioned templates bound to tickets, risk cases and alerts, their steps " +
      "(tasks, approvals, waits for an event, timers) and decisions.",
  },
  operations: [
    {
      operationId: "listWorkflows",
      method: "get",
      path: "/api/operations/workflows",
      scope: "workflows:read",
      summary: "List workflow instances",
      description: "Newest first. Pass `nextCursor` back as `cursor` for the next page.",
      query: restWorkflowListQuery,
      parameterNotes: {
        templateKey: "Only instances of this template (e.g. account_takeover_mitigation).",
        status: `Only these instance states. Comma-separated, any of: ${INSTANCE_STATES.join(", ")}.`,
        boundType: "Only instances bound to this kind of object.",
        boundId: "Only instances bound to this object (needs boundType).",
        cursor: "`nextCursor` of the previous page.",
        limit: "Page size.",
      },
      responses: { 200: { description: "A page of instances.", schema: listPage } },
    },
    {
      operationId: "startWorkflow",
      method: "post",
      path: "/api/operations/workflows",
      scope: "workflows:write",
      summary: "Start a workflow",
      description:
        "Starts the template's newest published version (or `version`) bound to an object; the instance pins that " +
        "version. An integration names the person the request is for (`initiatorId`). `submit: false` keeps it a draft.",
      body: startInput,
      responses: { 201: { description: "The new instance.", schema: workflowView } },
      errors: { 404: "No published template has this key (or version).", 422: REFUSAL },
    },
    {
      operationId: "getWorkflow",
      method: "get",
      path: "/api/operations/workflows/{id}",
      scope: "workflows:read",
      summary: "One workflow instance",
      description:
        "The instance with its pinned version, its current round's steps, what each open step waits for, and every " +
        "decision of every round.",
      params: workflowId,
      responses: { 200: { description: "The instance.", schema: workflowDetail } },
      errors: { 404: true },
    },
    {
      operationId: "decideWorkflow",
      method: "post",
      path: "/api/operations/workflows/{id}/decisions",
      scope: "workflows:write",
      summary: "Decide on a workflow step",
      description:
        "Approve or complete a step the integration owns (or another decision). A template gives a step to an " +
        "integration by naming its client id among the step's candidates (`candidates.clients`, " +
        "`approvers.clients`); any other client is refused with `not_a_candidate`. Give `expectedVersion` (the " +
        "instance's `lockVersion`) to be told when someone decided first.",
      params: workflowId,
      body: restDecisionBody,
      responses: { 200: { description: "The instance after the decision.", schema: workflowView } },
      errors: {
        404: true,
        409: "Someone decided first: `error.details.current` is the instance as it is now.",
        422: REFUSAL,
      },
    },
  ],
};
