import { z } from "zod";
import {
  alertActionResult,
  alertIdInput,
  planRun,
  silenceInput,
  tickStepInput,
} from "../../alerts/contract.ts";
import { startResponsePlan, tickResponsePlanStep } from "../../alerts/plans.ts";
import { acknowledgeAlert, resolveAlert, silenceAlert, unsilenceAlert } from "../../alerts/service.ts";
import { permissionProcedure, router } from "../trpc.ts";
import { alertRulesRouter } from "./alerts-rules.ts";

const manage = permissionProcedure("alerts:manage");
const planRunView = planRun(z.date());

export const alertsRouter = router({
  rules: alertRulesRouter,

  acknowledge: manage
    .input(alertIdInput)
    .output(alertActionResult)
    .mutation(({ ctx, input }) => acknowledgeAlert(ctx.db, ctx.service, input)),

  silence: manage
    .input(silenceInput)
    .output(alertActionResult)
    .mutation(({ ctx, input }) => silenceAlert(ctx.db, ctx.service, input)),

  unsilence: manage
    .input(alertIdInput)
    .output(alertActionResult)
    .mutation(({ ctx, input }) => unsilenceAlert(ctx.db, ctx.service, input)),

  resolve: manage
    .input(alertIdInput)
    .output(alertActionResult)
    .mutation(({ ctx, input }) => resolveAlert(ctx.db, ctx.service, input)),

  /** The plan's step titles are in the language of whoever starts it. */
  startPlan: manage
    .input(alertIdInput)
    .output(planRunView)
    .mutation(({ ctx, input }) => startResponsePlan(ctx.db, ctx.service, input)),

  tickStep: manage
    .input(tickStepInput)
    .output(planRunView)
    .mutation(({ ctx, input }) => tickResponsePlanStep(ctx.db, ctx.service, input)),
});
