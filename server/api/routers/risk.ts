import { z } from "zod";
import { permissionProcedure, router } from "../trpc.ts";
import { listAuditEntries } from "../../audit/queries.ts";
import {
  acknowledgement,
  actionIdInput,
  addActionInput,
  cancelActionInput,
  caseIdInput,
  caseListInput,
  caseListPage,
  closeCaseInput,
  closedCase,
  completeActionInput,
  linkTicketInput,
  mitigationAction,
  ticketLinked,
} from "../../risk/contract.ts";
import {
  caseDetail,
  caseHistory,
  casesOfTicket,
  filterOptions,
  profileView,
  ticketIdInput,
} from "../../risk/detail-contract.ts";
import { getCaseDetail, listCases, listCasesForTicket, riskFilterOptions } from "../../risk/queries.ts";
import { acknowledgeCase, closeRiskCase, linkTicket, revealPii } from "../../risk/service.ts";
import { addAction, cancelAction, completeAction, startAction } from "../../risk/action-service.ts";
import { riskRulesRouter } from "./risk-rules.ts";

const read = permissionProcedure("risks:read");
const write = permissionProcedure("risks:write");
const HISTORY_LIMIT = 200;
const action = mitigationAction(z.date());

export const riskRouter = router({
  list: read
    .input(caseListInput)
    .output(caseListPage(z.date()))
    .query(({ ctx, input }) => listCases(ctx.db, input)),

  filterOptions: read.output(filterOptions).query(({ ctx }) => riskFilterOptions(ctx.db)),

  get: read
    .input(caseIdInput)
    .output(caseDetail)
    .query(({ ctx, input }) => getCaseDetail(ctx.db, input)),

  /** The case's full trail from the append-only audit log, newest first. */
  history: read
    .input(caseIdInput)
    .output(caseHistory)
    .query(({ ctx, input }) =>
      listAuditEntries(ctx.db, { entityType: "risk_case", entityId: input.caseId, limit: HISTORY_LIMIT }),
    ),

  casesForTicket: read
    .input(ticketIdInput)
    .output(casesOfTicket)
    .query(({ ctx, input }) => listCasesForTicket(ctx.db, input)),

  acknowledge: write
    .input(caseIdInput)
    .output(acknowledgement)
    .mutation(({ ctx, input }) => acknowledgeCase(ctx.db, ctx.service, input)),

  addAction: write
    .input(addActionInput)
    .output(action)
    .mutation(({ ctx, input }) => addAction(ctx.db, ctx.service, input)),

  startAction: write
    .input(actionIdInput)
    .output(action)
    .mutation(({ ctx, input }) => startAction(ctx.db, ctx.service, input)),

  completeAction: write
    .input(completeActionInput)
    .output(action)
    .mutation(({ ctx, input }) => completeAction(ctx.db, ctx.service, input)),

  cancelAction: write
    .input(cancelActionInput)
    .output(action)
    .mutation(({ ctx, input }) => cancelAction(ctx.db, ctx.service, input)),

  close: write
    .input(closeCaseInput)
    .output(closedCase)
    .mutation(({ ctx, input }) => closeRiskCase(ctx.db, ctx.service, input)),

  linkTicket: write
    .input(linkTicketInput)
    .output(ticketLinked)
    .mutation(({ ctx, input }) => linkTicket(ctx.db, ctx.service, input)),

  /** Unmasked personal data of the case's subject; audited, and only for holders of pii:view. */
  revealPii: permissionProcedure("pii:view")
    .input(caseIdInput)
    .output(profileView)
    .mutation(({ ctx, input }) => revealPii(ctx.db, ctx.service, input)),

  rules: riskRulesRouter,
});
