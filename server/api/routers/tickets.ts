import { z } from "zod";
import type { SessionUser } from "../../auth/repository.ts";
import type { EventContext } from "../../events/types.ts";
import {
  bulkUpdateInput,
  bulkUpdateResult,
  commentInput,
  filterOptions,
  queueInput,
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
import type { TicketCaller } from "../../tickets/access.ts";
import { permissionProcedure, router } from "../trpc.ts";
import { ticketPresenceRouter } from "./tickets-presence.ts";
import { savedViewsRouter } from "./tickets-saved-views.ts";

const read = permissionProcedure("tickets:read");
const write = permissionProcedure("tickets:write");

const as = (ctx: { user: SessionUser; eventContext: EventContext }): TicketCaller => ({
  user: ctx.user,
  events: ctx.eventContext,
});

export const ticketsRouter = router({
  /**
   * The support queue: nearest SLA deadline first, keyset pages, summary counts for the same filter. The hottest
   * read: its rows are built field by field (present.ts) as QueuePageDto, the contract's type, so it skips the
   * runtime output check that would copy fifty rows again on every refresh.
   */
  queue: read
    .input(queueInput)
    .query(({ ctx, input }) => listQueue(ctx.db, as(ctx), input, new Date())),

  /** One ticket with its timeline (comments, domain events, assignment reasons), oldest first. */
  get: read
    .input(z.object({ id: ticketId }))
    .output(ticketWithTimeline)
    .query(({ ctx, input }) => getTicketWithTimeline(ctx.db, as(ctx), input.id, new Date())),

  /** The id behind a ticket number, for /tickets/{number} links; numbers of other teams answer NOT_FOUND. */
  idByNumber: read
    .input(z.object({ number: z.number().int().positive() }))
    .output(z.object({ id: ticketId }))
    .query(({ ctx, input }) => ticketIdByNumber(ctx.db, as(ctx), input.number)),

  /** Stale `version` → CONFLICT with `details.current`; a refused transition → UNPROCESSABLE_CONTENT. */
  update: write
    .input(updateInput)
    .output(ticketDetail(z.date()))
    .mutation(({ ctx, input }) => updateTicket(ctx.db, as(ctx), input, new Date())),

  /** The first public reply stops the first-response clock. */
  comment: write
    .input(commentInput)
    .output(ticketDetail(z.date()))
    .mutation(({ ctx, input }) => commentOnTicket(ctx.db, as(ctx), input, new Date())),

  assignToMe: write
    .input(versioned)
    .output(ticketDetail(z.date()))
    .mutation(({ ctx, input }) => assignToMe(ctx.db, as(ctx), input, new Date())),

  /** Each ticket changes in its own transaction: one failure leaves the others applied. */
  bulkUpdate: write
    .input(bulkUpdateInput)
    .output(bulkUpdateResult)
    .mutation(({ ctx, input }) => bulkUpdateTickets(ctx.db, as(ctx), input, new Date())),

  filterOptions: read.output(filterOptions).query(({ ctx }) => ticketFilterOptions(ctx.db, as(ctx))),

  savedViews: savedViewsRouter,
  presence: ticketPresenceRouter,
});
