import { z } from "zod";
import { permissionProcedure, router } from "../trpc.ts";
import {
  backtestResult,
  createDraftInput,
  ruleSetIdInput,
  ruleSetVersion,
  updateDraftInput,
} from "../../risk/rule-set-contract.ts";
import {
  backtestDraft,
  createDraft,
  listRuleSetVersions,
  publishDraft,
  updateDraft,
} from "../../risk/rule-set-service.ts";

const author = permissionProcedure("risks:rules");

export const riskRulesRouter = router({
  list: permissionProcedure("risks:read")
    .output(z.array(ruleSetVersion))
    .query(({ ctx }) => listRuleSetVersions(ctx.db)),

  createDraft: author
    .input(createDraftInput)
    .output(ruleSetVersion)
    .mutation(({ ctx, input }) => createDraft(ctx.db, ctx.service, input)),

  updateDraft: author
    .input(updateDraftInput)
    .output(ruleSetVersion)
    .mutation(({ ctx, input }) => updateDraft(ctx.db, ctx.service, input)),

  backtest: author
    .input(ruleSetIdInput)
    .output(backtestResult)
    .mutation(({ ctx, input }) => backtestDraft(ctx.db, ctx.service, input)),

  publish: author
    .input(ruleSetIdInput)
    .output(ruleSetVersion)
    .mutation(({ ctx, input }) => publishDraft(ctx.db, ctx.service, input)),
});
