import type { Db } from "../db/client.ts";
import { sweepStatement, type SweepRow } from "./sla-sweep-sql.ts";

export interface SlaSweepSummary extends SweepRow {
  durationMs: number;
}

/** Tickets per statement: bounds one transaction's locks when a long outage left a large backlog. */
export const SWEEP_BATCH = 10_000;

/**
 * Marks and escalates every SLA breach due by `now`. Idempotent and safe to run from several instances at
 * once: each batch is one statement that skips rows another sweep has locked.
 */
export async function runSlaSweep(db: Db, now: Date, correlationId: string): Promise<SlaSweepSummary> {
  const startedAt = performance.now();
  const total: SweepRow = { checked: 0, firstResponseBreaches: 0, resolutionBreaches: 0, escalated: 0, priorityBumped: 0 };
  for (;;) {
    const [row] = await db.$queryRaw<SweepRow[]>(sweepStatement(now, correlationId, SWEEP_BATCH));
    if (row === undefined) break;
    total.checked += row.checked;
    total.firstResponseBreaches += row.firstResponseBreaches;
    total.resolutionBreaches += row.resolutionBreaches;
    total.escalated += row.escalated;
    total.priorityBumped += row.priorityBumped;
    if (row.checked < SWEEP_BATCH) break;
  }
  return { ...total, durationMs: Math.round(performance.now() - startedAt) };
}
