import { z } from "zod";
import { AppError } from "../lib/errors.ts";
import {
  commentBody,
  MAX_PAGE_SIZE,
  queueInput,
  ticketCategory,
  ticketChange,
  ticketPriority,
  ticketStatus,
  type QueueInput,
} from "./contract.ts";
import type { ChangeRequest } from "./service.ts";

// The REST shapes of the ticket contract: query strings are flat text, dates travel as ISO strings.

const csvOf = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((value) => value.split(",").map((part) => part.trim()).filter((part) => part.length > 0))
    .pipe(z.array(item).min(1));

export const restQueueQuery = z
  .object({
    status: csvOf(ticketStatus).optional(),
    priority: csvOf(ticketPriority).optional(),
    category: csvOf(ticketCategory).optional(),
    team: z.uuid().optional(),
    assignee: z.union([z.enum(["unassigned", "any"]), z.uuid()]).optional(),
    city: z.uuid().optional(),
    breached: z.enum(["true", "false"]).optional(),
    q: z.string().optional(),
    cursor: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  })
  .transform(
    (query): QueueInput =>
      queueInput.parse({
        status: query.status,
        priority: query.priority,
        category: query.category,
        teamId: query.team,
        assignee: query.assignee,
        cityId: query.city,
        sla: query.breached === undefined ? undefined : query.breached === "true" ? "breached" : "not_breached",
        q: query.q,
        cursor: query.cursor,
        limit: query.limit,
      }),
  );

export const restPatchBody = ticketChange
  .omit({ category: true })
  .extend({ version: z.number().int().positive(), comment: commentBody.optional() })
  .refine(
    (body) => [body.status, body.priority, body.assigneeId, body.comment].some((v) => v !== undefined),
    "name at least one of status, priority, assigneeId, comment",
  );

const uuid = z.uuid();

/** A ticket id from the path: anything that is not a UUID names no ticket, so it answers 404 like an unknown id. */
export function pathTicketId(value: string): string {
  if (uuid.safeParse(value).success) return value;
  throw new AppError("NOT_FOUND", `No ticket has the id "${value.slice(0, 64)}".`);
}

export function restChangeRequest(id: string, body: z.infer<typeof restPatchBody>): ChangeRequest {
  const { version, comment, ...change } = body;
  return { id: pathTicketId(id), version, change, comment };
}
