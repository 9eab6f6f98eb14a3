import type { Db } from "../db/client.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { sweepStatement, type SweepRow } from "./sla-sweep-sql.ts";

export interface SlaSweepSummary extends SweepRow {
  durationMs: number;
}

/** Tickets per statement: bounds one transaction's locks and lets several workers share a large backlog. */
const SWEEP_BATCH = 2_500;
/**
 * Statements in flight at once. Each batch skips the rows another one holds, so workers never wait on each
 * other; the breach, event and audit writes of a batch are CPU-bound in PostgreSQL, so two use two cores.
 */
const SWEEP_WORKERS = 2;

const ZERO: SweepRow = {
  checked: 0,
  firstResponseBreaches: 0,
  resolutionBreaches: 0,
  unassignedEscalations: 0,
  escalated: 0,
  priorityBumped: 0,
};

function add(a: SweepRow, b: SweepRow): SweepRow {
  return {
    checked: a.checked + b.checked,
    firstResponseBreaches: a.firstResponseBreaches + b.firstResponseBreaches,
    resolutionBreaches: a.resolutionBreaches + b.resolutionBreaches,
    unassignedEscalations: a.unassignedEscalations + b.unassignedEscalations,
    escalated: a.escalated + b.escalated,
    priorityBumped: a.priorityBumped + b.priorityBumped,
  };
}

/** Runs batches until one comes back short: nothing due is left that no other worker holds. */
async function sweepWorker(db: Db, now: Date, correlationId: string, batch: number): Promise<SweepRow> {
  let total = ZERO;
  for (;;) {
    const [row] = await db.$queryRaw<SweepRow[]>(sweepStatement(now, correlationId, batch));
    if (row === undefined) return total;
    total = add(total, row);
    if (row.checked < batch) return total;
  }
}

/**
 * Marks and escalates every SLA breach due by the context's now. Idempotent and safe to run from several
 * instances at once: each batch is one statement that skips rows another sweep has locked.
 */
export async function runSlaSweep(
  db: Db,
  context: ServiceContext,
  { batch = SWEEP_BATCH }: { batch?: number } = {},
): Promise<SlaSweepSummary> {
  const startedAt = performance.now();
  const now = context.clock.now();
  const workers = await Promise.all(
    Array.from({ length: SWEEP_WORKERS }, () => sweepWorker(db, now, context.correlationId, batch)),
  );
  return { ...workers.reduce(add, ZERO), durationMs: Math.round(performance.now() - startedAt) };
}
