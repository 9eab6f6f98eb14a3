import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { AppError, isAppError } from "../../lib/errors.ts";
import type { ServiceContext } from "../../lib/service-context.ts";
import {
  cityCode,
  commentBody,
  createTicketInput,
  MAX_PAGE_SIZE,
  queueInput,
  queuePage,
  ticketCategory,
  ticketChange,
  ticketDetail,
  ticketPriority,
  ticketStatus,
  ticketSummary,
  type QueueInput,
  type TicketSummaryDto,
} from "../../tickets/contract.ts";
import { createTicket } from "../../tickets/create.ts";
import { listQueue } from "../../tickets/queue.ts";
import { changeTicket } from "../../tickets/service.ts";

// The ticket contract as integrations see it: query strings are flat text, a city is its three-letter code, and
// dates travel as ISO 8601 strings (Response.json writes a Date that way). The schemas are exported for the
// OpenAPI document.

const csvOf = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(item).min(1));

export const restQueueQuery = z
  .object({
    status: csvOf(ticketStatus).optional(),
    priority: csvOf(ticketPriority).optional(),
    category: csvOf(ticketCategory).optional(),
    team: z.uuid().optional(),
    assignee: z.union([z.enum(["unassigned", "any"]), z.uuid()]).optional(),
    city: cityCode.optional(),
    breached: z.enum(["true", "false"]).optional(),
    q: z.string().optional(),
    cursor: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  })
  .transform((query): QueueInput =>
    queueInput.parse({
      status: query.status,
      priority: query.priority,
      category: query.category,
      teamId: query.team,
      assignee: query.assignee,
      city: query.city,
      sla: query.breached === undefined ? undefined : query.breached === "true" ? "breached" : "not_breached",
      q: query.q,
      cursor: query.cursor,
      limit: query.limit,
    }),
  );

/** Integrations name the city by its code; the id the console and alert follow-ups use is not theirs to send. */
export const restCreateBody = createTicketInput.omit({ cityId: true });

export const restPatchBody = ticketChange
  .omit({ category: true })
  .extend({ version: z.number().int().positive(), comment: commentBody.optional() })
  .refine(
    (body) => [body.status, body.priority, body.assigneeId, body.comment].some((v) => v !== undefined),
    "name at least one of status, priority, assigneeId, comment",
  );

const isoDate = z.iso.datetime();
const restCity = { city: cityCode.nullable() };

export const restTicket = ticketDetail(isoDate).extend(restCity);
export const restQueuePage = queuePage(isoDate).extend({
  items: z.array(ticketSummary(isoDate).extend(restCity)),
});

/** A ticket or a queue row as REST shows it: the city by its code. */
function withCityCode<T extends TicketSummaryDto>(ticket: T): Omit<T, "city"> & { city: string | null } {
  return { ...ticket, city: ticket.city?.code ?? null };
}

/** A stale version answers 409 with the ticket as it is now, in the REST shape too. */
function restError(error: unknown): unknown {
  if (!isAppError(error) || error.code !== "CONFLICT") return error;
  const current = (error.details as { current?: TicketSummaryDto } | undefined)?.current;
  if (current === undefined) return error;
  return new AppError("CONFLICT", error.userMessage, {
    details: { current: withCityCode(current) },
    cause: error,
  });
}

const uuid = z.uuid();

/** A ticket id from the path: anything that is not a UUID names no ticket, so it answers 404 like an unknown id. */
function pathTicketId(value: string): string {
  if (uuid.safeParse(value).success) return value;
  throw new AppError("NOT_FOUND", `No ticket has the id "${value.slice(0, 64)}".`);
}

export async function listTicketsOverRest(db: Db, context: ServiceContext, query: QueueInput) {
  const page = await listQueue(db, context, query);
  return { ...page, items: page.items.map(withCityCode) };
}

export async function createTicketOverRest(
  db: Db,
  context: ServiceContext,
  body: z.infer<typeof restCreateBody>,
) {
  const { created, ticket } = await createTicket(db, context, body);
  return { created, ticket: withCityCode(ticket) };
}

export async function updateTicketOverRest(
  db: Db,
  context: ServiceContext,
  id: string,
  body: z.infer<typeof restPatchBody>,
) {
  const { version, comment, ...change } = body;
  try {
    return withCityCode(await changeTicket(db, context, { id: pathTicketId(id), version, change, comment }));
  } catch (error) {
    throw restError(error);
  }
}
