import { z } from "zod";
import {
  restCreateBody,
  restPatchBody,
  restQueuePage,
  restQueueQuery,
  restTicket,
} from "../../api/rest/tickets.ts";
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from "../../tickets/types.ts";
import type { OpenApiArea } from "./operation.ts";

const anyOf = (values: readonly string[]) => `Comma-separated, any of: ${values.join(", ")}.`;

export const ticketsArea: OpenApiArea = {
  tag: { name: "Tickets", description: "Support tickets: the queue, creation with routing, and updates." },
  operations: [
    {
      operationId: "listTickets",
      method: "get",
      path: "/api/operations/tickets",
      scope: "tickets:read",
      summary: "List tickets (the support queue)",
      description:
        "Nearest SLA deadline first (tickets without a running deadline last). Pass `nextCursor` back as `cursor` " +
        "for the next page. The first page carries `summary` (exact counts by status, the breached tickets and the " +
        "SLA compliance rate of the whole filter); later pages answer `summary: null`.",
      query: restQueueQuery,
      parameterNotes: {
        status: anyOf(TICKET_STATUSES),
        priority: anyOf(TICKET_PRIORITIES),
        category: anyOf(TICKET_CATEGORIES),
        team: "Team id.",
        assignee: "`unassigned`, `any` (default) or a user id.",
        city: "City code, e.g. TYO.",
        breached: "`true`: a recorded or current SLA breach; `false`: none.",
        q:
          "Words that must all occur in the subject, description or comments (substring match, Japanese or " +
          "English; at least 2 characters).",
        cursor: "`nextCursor` of the previous page.",
        limit: "Page size.",
      },
      responses: { 200: { description: "A page of tickets.", schema: restQueuePage } },
    },
    {
      operationId: "createTicket",
      method: "post",
      path: "/api/operations/tickets",
      scope: "tickets:write",
      summary: "Create a ticket",
      description:
        "Routes it to its category's team and the least loaded eligible agent, and starts its SLA clocks. With " +
        "`externalId`, repeating the request (even concurrently) creates nothing and answers 200 with the existing " +
        "ticket.",
      body: restCreateBody,
      responses: {
        201: { description: "Created.", schema: restTicket },
        200: { description: "A ticket with this externalId already existed.", schema: restTicket },
      },
      errors: { 422: true },
    },
    {
      operationId: "updateTicket",
      method: "patch",
      path: "/api/operations/tickets/{id}",
      scope: "tickets:write",
      summary: "Update a ticket",
      description:
        "Send the `version` you last read. Changes status, priority, assignee and/or adds a comment in one " +
        "transaction (a public comment stops the first-response clock).",
      params: z.object({ id: z.uuid().describe("Ticket id (a UUID; anything else answers 404).") }),
      body: restPatchBody,
      responses: { 200: { description: "The updated ticket.", schema: restTicket } },
      errors: {
        404: "No ticket has this id.",
        409: "A stale version: `error.details.current` is the ticket as it is now.",
        422: "A refused status transition; the message says why.",
      },
    },
  ],
};
