import { z } from "zod";
import { MAX_PAGE_SIZE, ticketId, viewer, viewers } from "../../tickets/contract.ts";
import { heartbeat, listViewers, listViewersOf } from "../../tickets/presence.ts";
import { permissionProcedure, router } from "../trpc.ts";

const read = permissionProcedure("tickets:read");
const onTicket = z.object({ ticketId });

/**
 * Who has a ticket open, shared by every instance through the database: the client sends a heartbeat
 * every ~15 s while the ticket is on screen; viewers are those seen in the last 45 s.
 */
export const ticketPresenceRouter = router({
  heartbeat: read
    .input(onTicket)
    .output(viewers)
    .mutation(({ ctx, input }) => heartbeat(ctx.db, ctx.service, input)),

  viewers: read
    .input(onTicket)
    .output(viewers)
    .query(({ ctx, input }) => listViewers(ctx.db, ctx.service, input)),

  /** Viewers of the queue's rows in one call; tickets nobody views are absent. */
  viewersOf: read
    .input(z.object({ ticketIds: z.array(ticketId).min(1).max(MAX_PAGE_SIZE) }))
    .output(z.array(viewer.extend({ ticketId })))
    .query(({ ctx, input }) => listViewersOf(ctx.db, ctx.service, input)),
});
