import { z } from "zod";
import { startResponsePlan, tickResponsePlanStep } from "../../alerts/plans.ts";
import { acknowledgeAlert, resolveAlert, silenceAlert, unsilenceAlert } from "../../alerts/service.ts";
import { permissionProcedure, router } from "../trpc.ts";
import { alertRulesRouter } from "./alerts-rules.ts";

const alertId = z.object({ alertId: z.uuid("alertId must be an alert id") });
const MAX_SILENCE_MINUTES = 7 * 24 * 60;

export const alertsRouter = router({
  rules: alertRulesRouter,

  acknowledge: permissionProcedure("alerts:manage")
    .input(alertId)
    .mutation(({ ctx, input }) => acknowledgeAlert(ctx.db, ctx.eventContext, input.alertId)),

  silence: permissionProcedure("alerts:manage")
    .input(
      alertId.extend({
        minutes: z
          .number()
          .int("minutes must be a whole number")
          .min(1, "minutes must be at least 1")
          .max(MAX_SILENCE_MINUTES, "a silence lasts at most 7 days"),
      }),
    )
    .mutation(({ ctx, input }) =>
      silenceAlert(ctx.db, ctx.eventContext, input.alertId, new Date(Date.now() + input.minutes * 60_000)),
    ),

  unsilence: permissionProcedure("alerts:manage")
    .input(alertId)
    .mutation(({ ctx, input }) => unsilenceAlert(ctx.db, ctx.eventContext, input.alertId)),

  resolve: permissionProcedure("alerts:manage")
    .input(alertId)
    .mutation(({ ctx, input }) => resolveAlert(ctx.db, ctx.eventContext, input.alertId)),

  startPlan: permissionProcedure("alerts:manage")
    .input(alertId)
    .mutation(({ ctx, input }) =>
      startResponsePlan(ctx.db, ctx.eventContext, input.alertId, ctx.user.locale === "ja" ? "ja" : "en"),
    ),

  tickStep: permissionProcedure("alerts:manage")
    .input(z.object({ runId: z.uuid("runId must be a plan run id"), position: z.number().int().min(1) }))
    .mutation(({ ctx, input }) =>
      tickResponsePlanStep(ctx.db, ctx.eventContext, input.runId, input.position),
    ),
});
