import type { Db } from "../db/client.ts";
import { withTransaction, type Tx } from "../db/transaction.ts";
import { recordEvent } from "../events/record.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { ESCALATION_TARGET, RISK_ESCALATION_POLICY, needsEscalation } from "./escalation.ts";
import { lockOverdueCriticalCases, updateCase } from "./case-repository.ts";

// The scheduled job "risk-escalation" (also /api/cron/risk): pages the on-call admin for critical cases nobody
// acknowledged in time. Its caller passes systemContext("risk-escalation", …). Overlap-safe: rows are claimed with
// FOR UPDATE SKIP LOCKED, and escalatedAt makes a second run a no-op.

const BATCH_SIZE = 200;

export interface EscalationSummary {
  escalated: number;
  caseIds: string[];
}

/** Claims one batch of overdue cases and escalates those still due; one transaction. */
async function escalateBatch(tx: Tx, context: ServiceContext, now: Date) {
  const candidates = await lockOverdueCriticalCases(tx, now, BATCH_SIZE);
  const due = candidates.filter((c) => needsEscalation(c, now));
  for (const riskCase of due) {
    await updateCase(tx, riskCase.id, { escalatedAt: now });
    await recordEvent(tx, context, {
      type: "RiskEscalated",
      aggregateType: "risk_case",
      aggregateId: riskCase.id,
      payload: {
        number: riskCase.number,
        // The case's type, so a consumer's trigger rule (workflows) need not look the case up.
        type: riskCase.type,
        level: riskCase.level,
        target: ESCALATION_TARGET,
        channel: RISK_ESCALATION_POLICY[riskCase.level].channel,
        openedAt: riskCase.openedAt.toISOString(),
      },
    });
  }
  return { claimed: candidates.length, ids: due.map((c) => c.id) };
}

export async function escalateOverdueRiskCases(db: Db, context: ServiceContext): Promise<EscalationSummary> {
  const now = context.clock.now();
  const caseIds: string[] = [];
  for (;;) {
    const batch = await withTransaction(db, (tx) => escalateBatch(tx, context, now), { preset: "batch" });
    caseIds.push(...batch.ids);
    // A full batch of which nothing was due would come back again: stop rather than spin.
    if (batch.claimed < BATCH_SIZE || batch.ids.length === 0) return { escalated: caseIds.length, caseIds };
  }
}
