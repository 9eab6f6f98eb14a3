import type { Db } from "../db/client.ts";
import { withTransaction, type Tx } from "../db/transaction.ts";
import { recordEvent } from "../events/record.ts";
import { AppError, type ErrorCode } from "../lib/errors.ts";
import { actingUser, requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { setSpanObject } from "../lib/telemetry/spans.ts";
import type { RiskResolution } from "./types.ts";
import { closeCase as closePure, type CloseRefusal } from "./mitigation.ts";
import { maskProfile, type ProfileView } from "./pii.ts";
import { findSubjectProfile, insertTicketLink, lockCase, updateCase } from "./case-repository.ts";

// What risk managers do to a case (mitigation actions: action-service.ts). Each function is one transaction that
// locks the case row, applies the pure domain rule, writes, and records the domain event with its audit entry.

export const AGGREGATE = "risk_case";

export type LockedCase = NonNullable<Awaited<ReturnType<typeof lockCase>>>;

export async function withLockedCase<T>(
  db: Db,
  caseId: string,
  work: (tx: Tx, riskCase: LockedCase) => Promise<T>,
): Promise<T> {
  // Every use case on a case passes here: its span is named by the case, whether the change lands or not.
  setSpanObject(AGGREGATE, caseId);
  return withTransaction(db, async (tx) => {
    const riskCase = await lockCase(tx, caseId);
    if (!riskCase) throw new AppError("NOT_FOUND", "No risk case has this id.", { details: { field: "id" } });
    return work(tx, riskCase);
  });
}

export function assertOpen(riskCase: LockedCase): void {
  if (riskCase.status === "closed") throw new AppError("CONFLICT", `Case #${riskCase.number} is closed.`);
}

/** The acting user's id, or null for an API client or a job. */
export const actorUserId = (context: ServiceContext) => actingUser(context)?.id ?? null;

const CLOSE_REFUSALS: Record<CloseRefusal, { code: ErrorCode; field?: string }> = {
  already_closed: { code: "CONFLICT" },
  invalid_resolution: { code: "BAD_REQUEST", field: "resolution" },
  actions_pending: { code: "CONFLICT" },
  nothing_mitigated: { code: "UNPROCESSABLE", field: "resolution" },
  note_required: { code: "BAD_REQUEST", field: "note" },
  note_too_long: { code: "BAD_REQUEST", field: "note" },
};

/** Closes with a resolution; false_positive and confirmed_fraud become labels for backtests. */
export async function closeRiskCase(
  db: Db,
  context: ServiceContext,
  input: { caseId: string; resolution: RiskResolution; note?: string },
) {
  const now = context.clock.now();
  return withLockedCase(db, input.caseId, async (tx, riskCase) => {
    const outcome = closePure({
      status: riskCase.status,
      actions: riskCase.actions,
      resolution: input.resolution,
      note: input.note,
      now,
    });
    if (!outcome.ok) {
      const { code, field } = CLOSE_REFUSALS[outcome.reason];
      throw new AppError(code, field ? `${field}: ${outcome.message}` : outcome.message, {
        details: { reason: outcome.reason, field },
      });
    }
    await updateCase(tx, riskCase.id, outcome.patch);
    await recordEvent(tx, context, {
      type: "CaseClosed",
      aggregateType: AGGREGATE,
      aggregateId: riskCase.id,
      payload: {
        number: riskCase.number,
        resolution: outcome.patch.resolution,
        note: outcome.patch.resolutionNote,
        score: riskCase.score,
        level: riskCase.level,
      },
    });
    return { id: riskCase.id, status: "closed" as const, resolution: outcome.patch.resolution };
  });
}

/** Someone has seen the case: stops the escalation clock; the acknowledging user becomes the owner if none. */
export async function acknowledgeCase(db: Db, context: ServiceContext, input: { caseId: string }) {
  const now = context.clock.now();
  return withLockedCase(db, input.caseId, async (tx, riskCase) => {
    assertOpen(riskCase);
    if (riskCase.acknowledgedAt !== null) return { acknowledgedAt: riskCase.acknowledgedAt, changed: false };
    const ownerId = riskCase.ownerId ?? actorUserId(context);
    await updateCase(tx, riskCase.id, { acknowledgedAt: now, ownerId });
    await recordEvent(tx, context, {
      type: "RiskAcknowledged",
      aggregateType: AGGREGATE,
      aggregateId: riskCase.id,
      payload: { acknowledgedAt: now.toISOString(), ownerId, afterEscalation: riskCase.escalatedAt !== null },
    });
    return { acknowledgedAt: now, changed: true };
  });
}

/** The unmasked subject profile, for holders of pii:view only; every reveal is a recorded event. */
export async function revealPii(
  db: Db,
  context: ServiceContext,
  input: { caseId: string },
): Promise<ProfileView> {
  requirePermission(context, "pii:view");
  return withLockedCase(db, input.caseId, async (tx, riskCase) => {
    const profile = await findSubjectProfile(tx, {
      subjectType: riskCase.subjectType,
      subjectId: riskCase.subjectId,
    });
    if (!profile) throw new AppError("NOT_FOUND", "No personal data is on record for this subject.");
    const fields = (["displayName", "email", "phone", "cardLast4", "address"] as const).filter(
      (field) => profile[field] !== null,
    );
    await recordEvent(tx, context, {
      type: "PiiRevealed",
      aggregateType: AGGREGATE,
      aggregateId: riskCase.id,
      payload: { subjectType: profile.subjectType, subjectId: profile.subjectId, fields: [...fields] },
    });
    return maskProfile(profile, true);
  });
}

export async function linkTicket(
  db: Db,
  context: ServiceContext,
  input: { caseId: string; ticketId: string },
) {
  const now = context.clock.now();
  return withLockedCase(db, input.caseId, async (tx) => {
    const { ticket, linked } = await insertTicketLink(tx, input.caseId, input.ticketId, now);
    if (!ticket)
      throw new AppError("NOT_FOUND", "No ticket has this id.", { details: { field: "ticketId" } });
    if (linked) {
      await recordEvent(tx, context, {
        type: "RiskTicketLinked",
        aggregateType: AGGREGATE,
        aggregateId: input.caseId,
        payload: { ticketId: ticket.id, ticketNumber: ticket.number },
      });
    }
    return { linked };
  });
}
