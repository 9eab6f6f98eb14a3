import {
  alertActionResult,
  alertIdInput,
  planTickResult,
  silenceInput,
  tickStepInput,
} from "../../alerts/contract.ts";
import { acknowledgeAlert, resolveAlert, silenceAlert, unsilenceAlert } from "../../alerts/service.ts";
import { decideWorkflow } from "../../workflows/service.ts";
import { permissionProcedure, router } from "../trpc.ts";
import { alertRulesRouter } from "./alerts-rules.ts";

const manage = permissionProcedure("alerts:manage");

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

  /**
   * A response plan is a workflow instance its alert's trigger started: ticking a task is the workflow's
   * "complete" decision (its candidates, order and compliance checked by the engine; 409 on a stale version).
   */
  tickStep: manage
    .input(tickStepInput)
    .output(planTickResult)
    .mutation(async ({ ctx, input }) => {
      const view = await decideWorkflow(ctx.db, ctx.service, {
        instanceId: input.runId,
        ...(input.expectedVersion === undefined ? {} : { expectedVersion: input.expectedVersion }),
        decision: { type: "complete", stepKey: input.stepKey },
      });
      return { id: view.id, state: view.state, lockVersion: view.lockVersion };
    }),
});
