import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { addActionItem } from "../../incidents/action-items.ts";
import {
  addActionItemInput,
  declareInput,
  incidentState,
  incidentSummary,
  listInput,
  timelineEntry,
} from "../../incidents/contract.ts";
import { incidentList } from "../../incidents/queries.ts";
import { changeIncidentState, declareIncident } from "../../incidents/service.ts";
import { incidentTimelineExport } from "../../incidents/timeline.ts";
import { AppError } from "../../lib/errors.ts";
import type { ServiceContext } from "../../lib/service-context.ts";
import { ticketCategory } from "../../tickets/contract.ts";

// Incidents as integrations see them: GET/POST /api/operations/incidents, PATCH /api/operations/incidents/{id}
// (a state change at the version the caller saw), GET …/{id}/timeline (the postmortem's export) and
// POST …/{id}/action-items (a postmortem action item, which becomes a ticket). Dates travel as ISO 8601 strings.
// The schemas are exported for the OpenAPI document.

const isoDate = z.iso.datetime();

export const restIncidentListQuery = z.object({
  state: z.enum(["open", "all"]).default("open"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const restDeclareBody = declareInput;

export const restPatchBody = z.object({
  state: incidentState,
  version: z.number().int().min(1),
  reason: z.string().trim().max(1000).optional(),
  /** Resolving only: also resolve every linked ticket, answering each with the resolution note. */
  resolveTickets: z.boolean().default(false),
  resolutionNote: z.string().trim().min(1).max(5000).optional(),
});

/** The category is listed (the ticket categories) for the document; the service checks it again. */
export const restActionItemBody = addActionItemInput
  .omit({ incidentId: true })
  .extend({ category: ticketCategory });

export const restActionItem = z.object({ itemId: z.uuid() });

export const restIncident = incidentSummary.extend({
  respondDueAt: isoDate,
  mitigateDueAt: isoDate,
  acknowledgedAt: isoDate.nullable(),
  mitigatedAt: isoDate.nullable(),
  resolvedAt: isoDate.nullable(),
  respondEscalatedAt: isoDate.nullable(),
  mitigateEscalatedAt: isoDate.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const restIncidentList = z.object({ items: z.array(restIncident) });

export const restTimelineExport = z.object({
  incident: restIncident,
  entries: z.array(timelineEntry.extend({ at: isoDate })),
  truncated: z.boolean(),
});

export async function listIncidentsOverRest(
  db: Db,
  context: ServiceContext,
  query: z.output<typeof listInput>,
) {
  return { items: await incidentList(db, context, query) };
}

export function declareIncidentOverRest(
  db: Db,
  context: ServiceContext,
  body: z.output<typeof restDeclareBody>,
) {
  return declareIncident(db, context, body);
}

const uuid = z.uuid();

/** An id taken from the path: anything that is not a UUID names nothing, so it is a 404 like an unknown id. */
function pathId(value: string): string {
  if (uuid.safeParse(value).success) return value;
  throw new AppError("NOT_FOUND", `No incident has the id "${value.slice(0, 64)}".`, {
    details: { field: "id" },
  });
}

export function timelineOverRest(db: Db, context: ServiceContext, id: string) {
  return incidentTimelineExport(db, context, pathId(id));
}

export function addActionItemOverRest(
  db: Db,
  context: ServiceContext,
  id: string,
  body: z.output<typeof restActionItemBody>,
) {
  return addActionItem(db, context, { incidentId: pathId(id), ...body });
}

export function changeIncidentOverRest(
  db: Db,
  context: ServiceContext,
  id: string,
  body: z.output<typeof restPatchBody>,
) {
  return changeIncidentState(db, context, {
    incidentId: pathId(id),
    to: body.state,
    expectedVersion: body.version,
    ...(body.reason ? { reason: body.reason } : {}),
    resolveTickets: body.resolveTickets,
    ...(body.resolutionNote ? { resolutionNote: body.resolutionNote } : {}),
  });
}
