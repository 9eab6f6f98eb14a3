import { permissionProcedure, router } from "../trpc.ts";
import { decideInput, migrationReport, migrationRequest, startInput } from "../../workflows/contract.ts";
import { migrateWorkflowInstances } from "../../workflows/migration-service.ts";
import {
  boundInput,
  boundWorkflows,
  inbox,
  inboxInput,
  templatesOverview,
  workflowDetail as workflowDetailOutput,
  workflowIdInput,
  workflowView,
} from "../../workflows/read-contract.ts";
import { myInbox, templateVersions, workflowDetail, workflowsOfBound } from "../../workflows/queries.ts";
import { decideWorkflow, startWorkflow } from "../../workflows/service.ts";

const read = permissionProcedure("workflows:read");
const write = permissionProcedure("workflows:write");
const manage = permissionProcedure("workflows:manage");

export const workflowsRouter = router({
  /** My tasks: assigned to me, my roles' and teams' pools, delegated to me; soonest due first. */
  myTasks: read
    .input(inboxInput.optional())
    .output(inbox)
    .query(({ ctx, input }) => myInbox(ctx.db, ctx.service, input ?? {})),

  get: read
    .input(workflowIdInput)
    .output(workflowDetailOutput)
    .query(({ ctx, input }) => workflowDetail(ctx.db, ctx.service, input)),

  /** The workflows of a ticket, risk case or alert, for the inline panels, and what can be started there. */
  forBound: read
    .input(boundInput)
    .output(boundWorkflows)
    .query(({ ctx, input }) => workflowsOfBound(ctx.db, ctx.service, input)),

  start: write
    .input(startInput)
    .output(workflowView)
    .mutation(({ ctx, input }) => startWorkflow(ctx.db, ctx.service, input)),

  /** Approve, reject, request changes, complete, delegate, reassign, recall, resubmit, skip-level (cancel: admins). */
  decide: write
    .input(decideInput)
    .output(workflowView)
    .mutation(({ ctx, input }) => decideWorkflow(ctx.db, ctx.service, input)),

  /** Templates and versions side by side with their step diff and the open instances on each. */
  templates: manage.output(templatesOverview).query(({ ctx }) => templateVersions(ctx.db, ctx.service)),

  /** The dry run of moving a version's open instances to another version: what each would become (audited). */
  previewMigration: manage
    .input(migrationRequest)
    .output(migrationReport)
    .mutation(({ ctx, input }) => migrateWorkflowInstances(ctx.db, ctx.service, { ...input, dryRun: true })),

  /** Moves them (a step-up procedure: it changes running work). */
  migrate: manage
    .input(migrationRequest)
    .output(migrationReport)
    .mutation(({ ctx, input }) => migrateWorkflowInstances(ctx.db, ctx.service, { ...input, dryRun: false })),
});
