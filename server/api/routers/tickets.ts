import { z } from "zod";
import {
  bulkUpdateInput,
  bulkUpdateResult,
  commentInput,
  filterOptions,
  queueInput,
  queuePage,
  ticketDetail,
  ticketId,
  ticketWithTimeline,
  updateInput,
  versioned,
} from "../../tickets/contract.ts";
import { ticketFilterOptions } from "../../tickets/filter-options.ts";
import { listQueue } from "../../tickets/queue.ts";
import { getTicketWithTimeline, ticketIdByNumber } from "../../tickets/timeline.ts";
import { assignToMe, bulkUpdateTickets, commentOnTicket, updateTicket } from "../../tickets/service.ts";
import { permissionProcedure, router } from "../trpc.ts";
import { ticketPresenceRouter } from "./tickets-presence.ts";
import { savedViewsRouter } from "./tickets-saved-views.ts";

const read = permissionProcedure("tickets:read");
const write = permissionProcedure("tickets:write");

// Dates stay Date objects over tRPC (superjson); the REST layer sends them as ISO 8601 strings.
export const ticketsRouter = router({
  /** The support queue: nearest SLA deadline first, keyset pages, summary counts for the same filter. */
  queue: read
    .input(queueInput)
    .output(queuePage(z.date()))
    .query(({ ctx, input }) => listQueue(ctx.db, ctx.service, input)),

  /** One ticket with its timeline (comments, domain events, assignment reasons), oldest first. */
  get: read
    .input(z.object({ id: ticketId }))
    .output(ticketWithTimeline)
    .query(({ ctx, input }) => getTicketWithTimeline(ctx.db, ctx.service, input)),

  /** The id behind a ticket number, for /tickets/{number} links; numbers of other teams answer NOT_FOUND. */
  idByNumber: read
    .input(z.object({ number: z.number().int().positive() }))
    .output(z.object({ id: ticketId }))
    .query(({ ctx, input }) => ticketIdByNumber(ctx.db, ctx.service, input)),

  /** Stale `version` → CONFLICT with `details.current`; a refused transition → UNPROCESSABLE_CONTENT. */
  update: write
    .input(updateInput)
    .output(ticketDetail(z.date()))
    .mutation(({ ctx, input }) => updateTicket(ctx.db, ctx.service, input)),

  /** The first public reply stops the first-response clock. */
  comment: write
    .input(commentInput)
    .output(ticketDetail(z.date()))
    .mutation(({ ctx, input }) => commentOnTicket(ctx.db, ctx.service, input)),

  assignToMe: write
    .input(versioned)
    .output(ticketDetail(z.date()))
    .mutation(({ ctx, input }) => assignToMe(ctx.db, ctx.service, input)),

  /** Each ticket changes in its own transaction: one failure leaves the others applied. */
  bulkUpdate: write
    .input(bulkUpdateInput)
    .output(bulkUpdateResult)
    .mutation(({ ctx, input }) => bulkUpdateTickets(ctx.db, ctx.service, input)),

  filterOptions: read.output(filterOptions).query(({ ctx }) => ticketFilterOptions(ctx.db, ctx.service)),

  savedViews: savedViewsRouter,
  presence: ticketPresenceRouter,
});
