import { z } from "zod";
import {
  addActionBody,
  caseListPage,
  ingestResult,
  MAX_LIST_LIMIT,
  MAX_SIGNAL_BATCH,
  mitigationAction,
  signalBatch,
  signalInput,
  updateActionBody,
} from "../../risk/contract.ts";
import { RISK_CASE_STATUSES, RISK_LEVELS, RISK_TYPES } from "../../risk/types.ts";
import { errorResponses, jsonSchema, type OpenApiArea } from "./document.ts";

// The risk area of the REST contract, from the same zod schemas the routes validate with.

const json = (schema: z.ZodType, io: "input" | "output" = "output") => ({
  "application/json": { schema: jsonSchema(schema, io) },
});

const csvParameter = (name: string, values: readonly string[], description: string) => ({
  name,
  in: "query",
  required: false,
  description: `${description} Comma-separated, any of: ${values.join(", ")}.`,
  schema: { type: "string" },
});

const pathParameter = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string", format: "uuid" },
});

export const risksArea: OpenApiArea = {
  tag: {
    name: "Risks",
    description: "Risk signals from other units, risk cases and their mitigation actions.",
  },
  paths: {
    "/api/operations/risks/signals": {
      post: {
        tags: ["Risks"],
        operationId: "ingestRiskSignals",
        summary: "Send risk signals",
        description:
          `One signal, an array, or \`{ signals: [...] }\` with at most ${MAX_SIGNAL_BATCH}. Idempotent by \`sourceEventId\`: ` +
          "a re-sent signal changes nothing and answers with its case (`duplicate: true`). A signal joins the open case " +
          "of its subject and type within 7 days of its opening, or opens one (`created: true`); the case is re-scored " +
          "with the published rules. The batch is one transaction: any invalid signal refuses the whole batch.",
        security: [{ oauth2: ["risks:write"] }],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { oneOf: [jsonSchema(signalInput, "input"), jsonSchema(signalBatch, "input")] },
            },
          },
        },
        responses: {
          "200": {
            description: "One result per signal, in request order.",
            content: json(z.object({ results: z.array(ingestResult) })),
          },
          ...errorResponses(400, 401, 403, 409),
        },
      },
    },
    "/api/operations/risks": {
      get: {
        tags: ["Risks"],
        operationId: "listRiskCases",
        summary: "List risk cases",
        description:
          "Highest level first, then highest score. Pass `nextCursor` back as `cursor` for the next page.",
        security: [{ oauth2: ["risks:read"] }],
        parameters: [
          csvParameter("level", RISK_LEVELS, "Only these levels."),
          csvParameter("status", RISK_CASE_STATUSES, "Only these statuses."),
          csvParameter("type", RISK_TYPES, "Only these risk types."),
          {
            name: "cursor",
            in: "query",
            required: false,
            description: "`nextCursor` of the previous page.",
            schema: { type: "string" },
          },
          {
            name: "limit",
            in: "query",
            required: false,
            schema: { type: "integer", minimum: 1, maximum: MAX_LIST_LIMIT, default: 50 },
          },
        ],
        responses: {
          "200": { description: "A page of cases.", content: json(caseListPage) },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    "/api/operations/risks/{id}/actions": {
      post: {
        tags: ["Risks"],
        operationId: "startRiskMitigation",
        summary: "Start a mitigation action",
        description:
          "Adds the action to the case's plan and starts it (status `in_progress`, event MitigationStarted).",
        security: [{ oauth2: ["risks:write"] }],
        parameters: [pathParameter("id", "Risk case id.")],
        requestBody: { required: true, content: json(addActionBody, "input") },
        responses: {
          "201": { description: "The started action.", content: json(mitigationAction) },
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    "/api/operations/risks/{id}/actions/{actionId}": {
      patch: {
        tags: ["Risks"],
        operationId: "finishRiskMitigation",
        summary: "Complete or cancel a mitigation action",
        description:
          "`completed` needs the action in progress (event MitigationCompleted); `cancelled` needs it unfinished " +
          "(event MitigationCancelled). Otherwise 409.",
        security: [{ oauth2: ["risks:write"] }],
        parameters: [pathParameter("id", "Risk case id."), pathParameter("actionId", "Action id.")],
        requestBody: { required: true, content: json(updateActionBody, "input") },
        responses: {
          "200": { description: "The updated action.", content: json(mitigationAction) },
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
  },
};
