import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { ServiceContext } from "../../lib/service-context.ts";
import { addAction, finishAction } from "../../risk/action-service.ts";
import {
  ACTION_ENDINGS,
  caseListPage,
  DEFAULT_LIST_LIMIT,
  ingestResult,
  MAX_LIST_LIMIT,
  mitigationAction,
  newActionInput,
  signalBatchOf,
  signalInput,
  TEXT_MAX,
} from "../../risk/contract.ts";
import { RISK_CASE_STATUSES, RISK_LEVELS, RISK_TYPES } from "../../risk/types.ts";

// The risk contract as integrations see it: query strings are flat text, a signal batch may come in three forms,
// ids in the path that are not UUIDs name nothing, and dates travel as ISO 8601 strings (Response.json writes a
// Date that way). The schemas are exported for the OpenAPI document.

const isoDate = z.iso.datetime({
  offset: true,
  error: "must be an ISO 8601 date-time, e.g. 2026-01-31T09:00:00Z",
});
const isoDateIn = isoDate.transform((value) => new Date(value));

/** Comma-separated enum values in a query string: `level=high,critical`. */
const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) =>
      text
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(z.enum(values)).min(1, "must name at least one value"));

export const restRiskListQuery = z.object({
  level: csvOf(RISK_LEVELS).optional(),
  status: csvOf(RISK_CASE_STATUSES).optional(),
  type: csvOf(RISK_TYPES).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(DEFAULT_LIST_LIMIT),
});

export const restSignal = signalInput.extend({ observedAt: isoDateIn });
export const restSignalBatch = signalBatchOf(restSignal);

/** One signal, an array of signals or `{ signals: [...] }`: all become `{ signals }`, so errors name `signals.N.field`. */
export const restSignalBody = z.preprocess((body) => {
  if (Array.isArray(body)) return { signals: body };
  if (typeof body === "object" && body !== null && "signals" in body) return body;
  return { signals: [body] };
}, restSignalBatch);

export const restNewActionBody = newActionInput.extend({ dueAt: isoDateIn.optional() });

export const restFinishActionBody = z.strictObject({
  status: z.enum(ACTION_ENDINGS),
  result: z.string().trim().max(TEXT_MAX).optional(),
});

export const restIngestResponse = z.object({ results: z.array(ingestResult) });
export const restCaseListPage = caseListPage(isoDate);
export const restMitigationAction = mitigationAction(isoDate);

const uuid = z.uuid();

/** An id taken from the path: anything that is not a UUID names nothing, so it is a 404 like an unknown id. */
function pathId(value: string, field: "id" | "actionId"): string {
  if (uuid.safeParse(value).success) return value;
  const what = field === "id" ? "risk case" : "action";
  throw new AppError("NOT_FOUND", `No ${what} has the id "${value.slice(0, 64)}".`, { details: { field } });
}

/** POST …/risks/{id}/actions: integrations add an action and start it in one step. */
export function startActionOverRest(
  db: Db,
  context: ServiceContext,
  caseId: string,
  body: z.output<typeof restNewActionBody>,
) {
  return addAction(db, context, { caseId: pathId(caseId, "id"), action: body, start: true });
}

/** PATCH …/risks/{id}/actions/{actionId}: completes or cancels. */
export function finishActionOverRest(
  db: Db,
  context: ServiceContext,
  path: { id: string; actionId: string },
  body: z.output<typeof restFinishActionBody>,
) {
  const ids = { caseId: pathId(path.id, "id"), actionId: pathId(path.actionId, "actionId") };
  return finishAction(db, context, { ...ids, ...body });
}
