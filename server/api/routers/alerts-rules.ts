import {
  createRuleInput,
  editRuleInput,
  previewRuleInput,
  ruleEditorOptions,
  ruleIdInput,
  rulePreview,
  ruleView,
} from "../../alerts/contract.ts";
import {
  previewRuleInput as previewRule,
  ruleEditorOptions as editorOptions,
} from "../../alerts/rule-preview.ts";
import { createRule, editRule, getRule, listRules } from "../../alerts/rule-service.ts";
import { permissionProcedure, router } from "../trpc.ts";

const read = permissionProcedure("cities:read");
const manage = permissionProcedure("alerts:manage");

export const alertRulesRouter = router({
  list: read.output(ruleView.array()).query(({ ctx }) => listRules(ctx.db, ctx.service)),

  get: read
    .input(ruleIdInput)
    .output(ruleView)
    .query(({ ctx, input }) => getRule(ctx.db, ctx.service, input)),

  options: read.output(ruleEditorOptions).query(({ ctx }) => editorOptions(ctx.db, ctx.service)),

  create: manage
    .input(createRuleInput)
    .output(ruleView)
    .mutation(({ ctx, input }) => createRule(ctx.db, ctx.service, input)),

  update: manage
    .input(editRuleInput)
    .output(ruleView)
    .mutation(({ ctx, input }) => editRule(ctx.db, ctx.service, input)),

  preview: read
    .input(previewRuleInput)
    .output(rulePreview)
    .query(({ ctx, input }) => previewRule(ctx.db, ctx.service, input)),
});
