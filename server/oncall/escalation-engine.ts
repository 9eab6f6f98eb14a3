import type { Db } from "../db/client.ts";
import { withTransaction, type Tx } from "../db/transaction.ts";
import type { EscalationStepDuePayload } from "../events/payloads.ts";
import { recordEvents, type DomainEventInput } from "../events/record.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { policySnapshot, type ObjectType, type PolicySnapshot } from "./contract.ts";
import {
  advanceEscalation,
  claimDueEscalations,
  endEscalations,
  insertEscalation,
  type EndedBy,
  type EscalationRow,
  type Which,
} from "./escalation-repository.ts";
import { FIRST_POSITION, planStep } from "./policy.ts";
import { asSeverity, resolveLevels } from "./recipients.ts";
import type { Severity } from "./working-hours.ts";

// The escalation engine: starting an escalation snapshots its policy and fires its first step in the same
// transaction; the "oncall.escalations" job fires later steps when their durable nextStepAt falls due; an
// acknowledgement or resolution ends every pending step with one UPDATE. A step fires inside the transaction that
// claimed its row and moved the step counter on, so a crash before commit fires it again, once, after a restart.

export interface EscalationStart {
  triggerKey: string;
  /** The trigger's name ("ticket.sla_breach"). */
  trigger: string;
  objectType: ObjectType;
  objectId: string;
  severity: Severity;
  title: string;
  path: string;
  teamId: string | null;
  policyId: string | null;
  policy: Omit<PolicySnapshot, "policyId" | "assignees">;
  /** Who the policy's `assignees` targets page (the object's approvers, commander). */
  assignees?: string[];
}

const AGGREGATE = "escalation";

/** The step's event: who to page now, on which channels, under an idempotency key per escalation and step. */
function stepEvent(
  row: EscalationRow,
  step: { level: number; round: number },
  recipients: EscalationStepDuePayload["recipients"],
): DomainEventInput {
  const payload: EscalationStepDuePayload = {
    escalationId: row.id,
    objectType: row.objectType as ObjectType,
    objectId: row.objectId,
    title: row.title,
    severity: asSeverity(row.severity),
    path: row.path,
    level: step.level,
    attempt: step.round,
    idempotencyKey: `${row.id}:${row.stepCount}`,
    recipients,
  };
  return { type: "EscalationStepDue", aggregateType: AGGREGATE, aggregateId: row.id, payload };
}

/** Fires the step due on a row this transaction holds, and moves its timer on. Returns whether a page went out. */
async function fireStep(tx: Tx, context: ServiceContext, row: EscalationRow, now: Date): Promise<boolean> {
  const policy = policySnapshot.parse(row.policy);
  const severity = asSeverity(row.severity);
  const levels = await resolveLevels(tx, policy, { teamId: row.teamId, severity }, now);
  const plan = planStep(policy, { level: row.level, round: row.round }, now, levels.userIdsOf);
  await advanceEscalation(tx, row, { ...plan.next, nextStepAt: plan.nextStepAt }, plan.fired !== null);
  if (plan.fired === null) return false;
  const recipients = plan.fired.recipients.map(levels.recipient);
  await recordEvents(tx, context, [stepEvent(row, plan.fired, recipients)]);
  return true;
}

/**
 * Starts escalating an object inside the caller's transaction and pages its first level at once. Returns null
 * when the trigger was taken before or the object is escalating already (a redelivered event changes nothing).
 */
export async function startEscalation(
  tx: Tx,
  context: ServiceContext,
  start: EscalationStart,
): Promise<EscalationRow | null> {
  const now = context.clock.now();
  const snapshot: PolicySnapshot = {
    ...start.policy,
    policyId: start.policyId,
    assignees: start.assignees ?? [],
  };
  const row = await insertEscalation(tx, {
    ...start,
    policy: snapshot,
    startedAt: now,
  });
  if (row === null) return null;
  await recordEvents(tx, context, [
    {
      type: "EscalationStarted",
      aggregateType: AGGREGATE,
      aggregateId: row.id,
      payload: {
        objectType: row.objectType,
        objectId: row.objectId,
        triggerKey: row.triggerKey,
        policyId: start.policyId,
        policyName: snapshot.name,
        policyVersion: snapshot.version,
        severity: row.severity,
      },
    },
  ]);
  await fireStep(tx, context, { ...row, ...FIRST_POSITION }, now);
  return row;
}

const BATCH = 100;

export interface TickSummary {
  fired: number;
  skipped: number;
}

/** The scheduled job: fires every step due by now, one batch per transaction, rows claimed with SKIP LOCKED. */
export async function fireDueSteps(db: Db, context: ServiceContext): Promise<TickSummary> {
  const now = context.clock.now();
  const summary: TickSummary = { fired: 0, skipped: 0 };
  for (;;) {
    const claimed = await withTransaction(
      db,
      async (tx) => {
        const rows = await claimDueEscalations(tx, now, BATCH);
        for (const row of rows) {
          if (await fireStep(tx, context, row, now)) summary.fired++;
          else summary.skipped++;
        }
        return rows.length;
      },
      { preset: "batch" },
    );
    if (claimed < BATCH) return summary;
  }
}

/** Ends the matched escalations in the caller's transaction and records one event per escalation ended. */
export async function endInTx(
  tx: Tx,
  context: ServiceContext,
  which: Which,
  ended: EndedBy,
): Promise<EscalationRow[]> {
  const rows = await endEscalations(tx, which, ended);
  await recordEvents(
    tx,
    context,
    rows.map((row) => ({
      type:
        ended.status === "acknowledged"
          ? ("EscalationAcknowledged" as const)
          : ("EscalationResolved" as const),
      aggregateType: AGGREGATE,
      aggregateId: row.id,
      payload: {
        objectType: row.objectType,
        objectId: row.objectId,
        stepsFired: row.stepCount,
        at: ended.at.toISOString(),
        ...(ended.status === "acknowledged" ? { userId: ended.userId, via: ended.via } : {}),
      },
    })),
  );
  return rows;
}

export function endEscalation(db: Db, context: ServiceContext, which: Which, ended: EndedBy) {
  return withTransaction(db, (tx) => endInTx(tx, context, which, ended));
}
