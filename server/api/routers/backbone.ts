import { backboneOverview, deadLettersInput, redriveInput, redriveResult } from "../../backbone/contract.ts";
import { backboneOverview as readOverview, redriveDeadLetters } from "../../backbone/service.ts";
import { permissionProcedure, router } from "../trpc.ts";

const manage = permissionProcedure("events:manage");

export const backboneRouter = router({
  overview: manage
    .input(deadLettersInput)
    .output(backboneOverview)
    .query(({ ctx, input }) => readOverview(ctx.db, ctx.service, input.limit)),

  redrive: manage
    .input(redriveInput)
    .output(redriveResult)
    .mutation(({ ctx, input }) => redriveDeadLetters(ctx.db, ctx.service, input)),
});
