import { z } from "zod";
import { previewRuleInput, ruleEditorOptions } from "../../alerts/rule-preview.ts";
import { createRule, editRule, getRule, listRules } from "../../alerts/rule-service.ts";
import { permissionProcedure, router } from "../trpc.ts";

// The rule itself travels as `rule: unknown` and is parsed by the service, which answers field by field.
const ruleId = z.uuid("id must be a rule id");

export const alertRulesRouter = router({
  list: permissionProcedure("cities:read").query(({ ctx }) => listRules(ctx.db)),

  get: permissionProcedure("cities:read")
    .input(z.object({ id: ruleId }))
    .query(({ ctx, input }) => getRule(ctx.db, input.id)),

  options: permissionProcedure("cities:read").query(({ ctx }) => ruleEditorOptions(ctx.db)),

  create: permissionProcedure("alerts:manage")
    .input(z.object({ rule: z.unknown() }))
    .mutation(({ ctx, input }) => createRule(ctx.db, ctx.eventContext, input.rule)),

  update: permissionProcedure("alerts:manage")
    .input(z.object({ id: ruleId, version: z.number().int().min(1), rule: z.unknown() }))
    .mutation(({ ctx, input }) => editRule(ctx.db, ctx.eventContext, input.id, input.version, input.rule)),

  preview: permissionProcedure("cities:read")
    .input(z.object({ rule: z.unknown(), cityId: z.uuid("cityId must be a city id") }))
    .query(({ ctx, input }) => previewRuleInput(ctx.db, input.rule, input.cityId)),
});
