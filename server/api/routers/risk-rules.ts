import { permissionProcedure, router } from "../trpc.ts";
import { createDraftInput, ruleSetIdInput, updateDraftInput } from "../../risk/rule-set-contract.ts";
import {
  backtestDraft,
  createDraft,
  listRuleSetVersions,
  publishDraft,
  updateDraft,
} from "../../risk/rule-set-service.ts";

const author = permissionProcedure("risks:rules");

export const riskRulesRouter = router({
  list: permissionProcedure("risks:read").query(({ ctx }) => listRuleSetVersions(ctx.db)),

  createDraft: author
    .input(createDraftInput)
    .mutation(({ ctx, input }) => createDraft(ctx.db, ctx.eventContext, input)),

  updateDraft: author
    .input(updateDraftInput)
    .mutation(({ ctx, input }) => updateDraft(ctx.db, ctx.eventContext, input)),

  backtest: author.input(ruleSetIdInput).mutation(({ ctx, input }) => backtestDraft(ctx.db, input.id)),

  publish: author
    .input(ruleSetIdInput)
    .mutation(({ ctx, input }) => publishDraft(ctx.db, ctx.eventContext, input.id)),
});
