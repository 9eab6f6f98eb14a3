import { z } from "zod";
import { permissionProcedure, router } from "../trpc.ts";
import { listAuditEntries } from "../../audit/repository.ts";
import {
  actionIdInput,
  addActionBody,
  caseIdInput,
  caseListInput,
  closeCaseInput,
} from "../../risk/contract.ts";
import { getCaseDetail, listCases, listCasesForTicket, riskFilterOptions } from "../../risk/queries.ts";
import { acknowledgeCase, closeRiskCase, linkTicket, revealPii } from "../../risk/service.ts";
import { addAction, cancelAction, completeAction, startAction } from "../../risk/action-service.ts";
import { riskRulesRouter } from "./risk-rules.ts";

const read = permissionProcedure("risks:read");
const write = permissionProcedure("risks:write");
const HISTORY_LIMIT = 200;

export const riskRouter = router({
  list: read.input(caseListInput).query(({ ctx, input }) => listCases(ctx.db, input)),

  filterOptions: read.query(({ ctx }) => riskFilterOptions(ctx.db)),

  get: read.input(caseIdInput).query(({ ctx, input }) => getCaseDetail(ctx.db, input.caseId)),

  /** The case's full trail from the append-only audit log, newest first. */
  history: read
    .input(caseIdInput)
    .query(({ ctx, input }) =>
      listAuditEntries(ctx.db, { entityType: "risk_case", entityId: input.caseId, limit: HISTORY_LIMIT }),
    ),

  casesForTicket: read
    .input(z.object({ ticketId: z.uuid() }))
    .query(({ ctx, input }) => listCasesForTicket(ctx.db, input.ticketId)),

  acknowledge: write
    .input(caseIdInput)
    .mutation(({ ctx, input }) => acknowledgeCase(ctx.db, ctx.eventContext, input.caseId)),

  addAction: write
    .input(caseIdInput.extend({ action: addActionBody, start: z.boolean().default(false) }))
    .mutation(({ ctx, input }) =>
      addAction(ctx.db, ctx.eventContext, input.caseId, input.action, { start: input.start }),
    ),

  startAction: write
    .input(actionIdInput)
    .mutation(({ ctx, input }) => startAction(ctx.db, ctx.eventContext, input)),

  completeAction: write
    .input(actionIdInput.extend({ result: z.string().trim().max(2000).optional() }))
    .mutation(({ ctx, input }) => completeAction(ctx.db, ctx.eventContext, input, input.result)),

  cancelAction: write
    .input(actionIdInput.extend({ note: z.string().trim().max(2000).optional() }))
    .mutation(({ ctx, input }) => cancelAction(ctx.db, ctx.eventContext, input, input.note)),

  close: write
    .input(closeCaseInput)
    .mutation(({ ctx, input }) => closeRiskCase(ctx.db, ctx.eventContext, input)),

  linkTicket: write
    .input(caseIdInput.extend({ ticketId: z.uuid() }))
    .mutation(({ ctx, input }) => linkTicket(ctx.db, ctx.eventContext, input)),

  /** Unmasked personal data of the case's subject; audited, and only for holders of pii:view. */
  revealPii: permissionProcedure("pii:view")
    .input(caseIdInput)
    .mutation(({ ctx, input }) => revealPii(ctx.db, ctx.eventContext, input.caseId)),

  rules: riskRulesRouter,
});
