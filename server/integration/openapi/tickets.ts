import { z } from "zod";
import { createTicketInput, MAX_PAGE_SIZE, queuePage, ticketDetail } from "../../tickets/contract.ts";
import { restPatchBody } from "../../tickets/rest-contract.ts";
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from "../../tickets/types.ts";
import { errorResponses, jsonSchema, type OpenApiArea } from "./document.ts";

// The tickets area of the REST contract, from the same zod schemas the routes validate with.

const isoDate = z.iso.datetime();

const json = (schema: z.ZodType, io: "input" | "output" = "output") => ({
  "application/json": { schema: jsonSchema(schema, io) },
});

const query = (name: string, description: string, schema: Record<string, unknown> = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});

const csv = (name: string, values: readonly string[]) =>
  query(name, `Comma-separated, any of: ${values.join(", ")}.`);

const idParameter = {
  name: "id",
  in: "path",
  required: true,
  description: "Ticket id (a UUID; anything else answers 404).",
  schema: { type: "string", format: "uuid" },
};

export const ticketsArea: OpenApiArea = {
  tag: { name: "Tickets", description: "Support tickets: the queue, creation with routing, and updates." },
  paths: {
    "/api/operations/tickets": {
      get: {
        tags: ["Tickets"],
        operationId: "listTickets",
        summary: "List tickets (the support queue)",
        description:
          "Nearest SLA deadline first (tickets without a running deadline last). Pass `nextCursor` back as `cursor` " +
          "for the next page. The first page carries `summary` (counts by status and the SLA compliance rate of the " +
          "whole filter; counting stops at 10,000 per status, then `capped` is true and the rate null); later pages " +
          "answer `summary: null`.",
        security: [{ oauth2: ["tickets:read"] }],
        parameters: [
          csv("status", TICKET_STATUSES),
          csv("priority", TICKET_PRIORITIES),
          csv("category", TICKET_CATEGORIES),
          query("team", "Team id.", { type: "string", format: "uuid" }),
          query("assignee", "`unassigned`, `any` (default) or a user id."),
          query("city", "City id.", { type: "string", format: "uuid" }),
          query("breached", "`true`: a recorded or current SLA breach; `false`: none.", { type: "string", enum: ["true", "false"] }),
          query(
            "q",
            "Words that must all occur in the subject, description or comments (substring match, Japanese or English; " +
              "at least 2 characters).",
          ),
          query("cursor", "`nextCursor` of the previous page."),
          query("limit", "Page size.", { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 }),
        ],
        responses: {
          "200": { description: "A page of tickets.", content: json(queuePage(isoDate)) },
          ...errorResponses(400, 401, 403),
        },
      },
      post: {
        tags: ["Tickets"],
        operationId: "createTicket",
        summary: "Create a ticket",
        description:
          "Routes it to its category's team and the least loaded eligible agent, and starts its SLA clocks. With " +
          "`externalId`, repeating the request (even concurrently) creates nothing and answers 200 with the existing ticket.",
        security: [{ oauth2: ["tickets:write"] }],
        requestBody: { required: true, content: json(createTicketInput, "input") },
        responses: {
          "201": { description: "Created.", content: json(ticketDetail(isoDate)) },
          "200": { description: "A ticket with this externalId already existed.", content: json(ticketDetail(isoDate)) },
          ...errorResponses(400, 401, 403, 422),
        },
      },
    },
    "/api/operations/tickets/{id}": {
      patch: {
        tags: ["Tickets"],
        operationId: "updateTicket",
        summary: "Update a ticket",
        description:
          "Send the `version` you last read. Changes status, priority, assignee and/or adds a comment in one " +
          "transaction (a public comment stops the first-response clock). A stale version answers 409 with " +
          "`error.details.current`, the ticket as it is now; a refused status transition answers 422 with the reason.",
        security: [{ oauth2: ["tickets:write"] }],
        parameters: [idParameter],
        requestBody: { required: true, content: json(restPatchBody, "input") },
        responses: {
          "200": { description: "The updated ticket.", content: json(ticketDetail(isoDate)) },
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
  },
};
