import { z } from "zod";
import { addActionItem } from "../../incidents/action-items.ts";
import { assignCommander } from "../../incidents/command.ts";
import {
  addActionItemInput,
  assignCommanderInput,
  changeStateInput,
  declareInput,
  incidentDetail,
  incidentSummary,
  linkInput,
  listInput,
  postUpdateInput,
  previewInput,
  previewResult,
  removeMemberInput,
  ruleView,
  saveRuleInput,
  timelineExport,
  updateView,
} from "../../incidents/contract.ts";
import { incidentList, incidentRoom } from "../../incidents/queries.ts";
import { incidentTimelineExport } from "../../incidents/timeline.ts";
import {
  correlationRules,
  previewCorrelationRule,
  saveCorrelationRule,
} from "../../incidents/rule-service.ts";
import {
  changeIncidentState,
  declareIncident,
  linkIncident,
  postIncidentUpdate,
  removeIncidentMember,
} from "../../incidents/service.ts";
import { ticketCategory } from "../../tickets/contract.ts";
import { permissionProcedure, router } from "../trpc.ts";

const read = permissionProcedure("incidents:read");
const write = permissionProcedure("incidents:write");
const manage = permissionProcedure("incidents:manage");

export const incidentsRouter = router({
  list: read
    .input(listInput)
    .output(z.array(incidentSummary))
    .query(({ ctx, input }) => incidentList(ctx.db, ctx.service, input)),
  room: read
    .input(z.object({ id: z.uuid() }))
    .output(incidentDetail)
    .query(({ ctx, input }) => incidentRoom(ctx.db, ctx.service, input.id)),
  timelineExport: read
    .input(z.object({ id: z.uuid() }))
    .output(timelineExport)
    .query(({ ctx, input }) => incidentTimelineExport(ctx.db, ctx.service, input.id)),
  declare: write
    .input(declareInput)
    .output(incidentSummary)
    .mutation(({ ctx, input }) => declareIncident(ctx.db, ctx.service, input)),
  changeState: write
    .input(changeStateInput)
    .output(incidentSummary)
    .mutation(({ ctx, input }) => changeIncidentState(ctx.db, ctx.service, input)),
  assignCommander: write
    .input(assignCommanderInput)
    .output(incidentSummary)
    .mutation(({ ctx, input }) => assignCommander(ctx.db, ctx.service, input)),
  postUpdate: write
    .input(postUpdateInput)
    .output(updateView)
    .mutation(({ ctx, input }) => postIncidentUpdate(ctx.db, ctx.service, input)),
  link: write
    .input(linkInput)
    .output(incidentSummary)
    .mutation(({ ctx, input }) => linkIncident(ctx.db, ctx.service, input)),
  // The item's category is a ticket category: checked here, where both domains' contracts are known.
  addActionItem: write
    .input(addActionItemInput.extend({ category: ticketCategory }))
    .output(z.object({ itemId: z.uuid() }))
    .mutation(({ ctx, input }) => addActionItem(ctx.db, ctx.service, input)),
  removeMember: manage
    .input(removeMemberInput)
    .output(z.object({ removed: z.boolean() }))
    .mutation(({ ctx, input }) => removeIncidentMember(ctx.db, ctx.service, input)),
  rules: router({
    list: read.output(z.array(ruleView)).query(({ ctx }) => correlationRules(ctx.db, ctx.service)),
    preview: read
      .input(previewInput)
      .output(previewResult)
      .query(({ ctx, input }) => previewCorrelationRule(ctx.db, ctx.service, input)),
    save: manage
      .input(saveRuleInput)
      .output(z.object({ id: z.uuid(), version: z.number().int() }))
      .mutation(({ ctx, input }) => saveCorrelationRule(ctx.db, ctx.service, input)),
  }),
});
