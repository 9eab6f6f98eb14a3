import { z } from "zod";
import {
  restCaseListPage,
  restFinishActionBody,
  restIngestResponse,
  restMitigationAction,
  restNewActionBody,
  restRiskListQuery,
  restSignal,
  restSignalBatch,
} from "../../api/rest/risk.ts";
import { MAX_SIGNAL_BATCH } from "../../risk/contract.ts";
import { RISK_CASE_STATUSES, RISK_LEVELS, RISK_TYPES } from "../../risk/types.ts";
import type { OpenApiArea } from "./operation.ts";

const anyOf = (values: readonly string[]) => `Comma-separated, any of: ${values.join(", ")}.`;

// The route reads this body with a preprocess that folds all three forms into `{ signals }`; a preprocess has no
// JSON Schema input side, so the forms it accepts are spelled out here.
const signalBodyForms = z.union([
  restSignal,
  z.array(restSignal).min(1).max(MAX_SIGNAL_BATCH),
  restSignalBatch,
]);

const caseId = z.uuid().describe("Risk case id (a UUID; anything else answers 404).");

export const risksArea: OpenApiArea = {
  tag: {
    name: "Risks",
    description: "Risk signals from other units, risk cases and their mitigation actions.",
  },
  operations: [
    {
      operationId: "ingestRiskSignals",
      method: "post",
      path: "/api/operations/risks/signals",
      scope: "risks:write",
      summary: "Send risk signals",
      description:
        `One signal, an array, or \`{ signals: [...] }\` with at most ${MAX_SIGNAL_BATCH}. Idempotent by ` +
        "`sourceEventId`: a re-sent signal changes nothing and answers with its case (`duplicate: true`). A signal " +
        "joins the open case of its subject and type within 7 days of its opening, or opens one (`created: true`); " +
        "the case is re-scored with the published rules. The batch is one transaction: any invalid signal refuses " +
        "the whole batch.",
      body: signalBodyForms,
      responses: {
        200: { description: "One result per signal, in request order.", schema: restIngestResponse },
      },
      errors: { 409: true },
    },
    {
      operationId: "listRiskCases",
      method: "get",
      path: "/api/operations/risks",
      scope: "risks:read",
      summary: "List risk cases",
      description:
        "Highest level first, then highest score. Pass `nextCursor` back as `cursor` for the next page.",
      query: restRiskListQuery,
      parameterNotes: {
        level: `Only these levels. ${anyOf(RISK_LEVELS)}`,
        status: `Only these statuses. ${anyOf(RISK_CASE_STATUSES)}`,
        type: `Only these risk types. ${anyOf(RISK_TYPES)}`,
        cursor: "`nextCursor` of the previous page.",
        limit: "Page size.",
      },
      responses: { 200: { description: "A page of cases.", schema: restCaseListPage } },
    },
    {
      operationId: "startRiskMitigation",
      method: "post",
      path: "/api/operations/risks/{id}/actions",
      scope: "risks:write",
      summary: "Start a mitigation action",
      description:
        "Adds the action to the case's plan and starts it (status `in_progress`, event MitigationStarted).",
      params: z.object({ id: caseId }),
      body: restNewActionBody,
      responses: { 201: { description: "The started action.", schema: restMitigationAction } },
      errors: { 404: true, 409: true },
    },
    {
      operationId: "finishRiskMitigation",
      method: "patch",
      path: "/api/operations/risks/{id}/actions/{actionId}",
      scope: "risks:write",
      summary: "Complete or cancel a mitigation action",
      description:
        "`completed` needs the action in progress (event MitigationCompleted); `cancelled` needs it unfinished " +
        "(event MitigationCancelled). Otherwise 409.",
      params: z.object({
        id: caseId,
        actionId: z.uuid().describe("Action id (a UUID; anything else answers 404)."),
      }),
      body: restFinishActionBody,
      responses: { 200: { description: "The updated action.", schema: restMitigationAction } },
      errors: {
        404: true,
        409: "The action's status does not allow this ending; `error.details.reason` says why.",
      },
    },
  ],
};
