import { z } from "zod";
import { saveViewInput, savedView } from "../../tickets/contract.ts";
import { deleteSavedView, listSavedViews, saveView } from "../../tickets/saved-views.ts";
import { permissionProcedure, router } from "../trpc.ts";

const read = permissionProcedure("tickets:read");

/** A user's own named queue filters (scope "tickets"); saving an existing name replaces it. */
export const savedViewsRouter = router({
  list: read.output(z.array(savedView)).query(({ ctx }) => listSavedViews(ctx.db, ctx.service)),

  save: read
    .input(saveViewInput)
    .output(savedView)
    .mutation(({ ctx, input }) => saveView(ctx.db, ctx.service, input)),

  delete: read
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ deleted: z.boolean() }))
    .mutation(({ ctx, input }) => deleteSavedView(ctx.db, ctx.service, input)),
});
