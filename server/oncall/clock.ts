import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { FIRST_RESPONSE_WARNING_MINUTES } from "./default-policies.ts";
import { fireDueSteps, type TickSummary } from "./escalation-engine.ts";
import { escalateFor } from "./trigger-start.ts";
import { claimDueChecks, clearCheck } from "./watch-repository.ts";
import type { Severity } from "./working-hours.ts";

// The scheduled job "oncall.escalations": first the watched objects whose check fell due (a P1/P2 ticket nobody
// took on with its first-response deadline near) start escalating, then every escalation step due fires. Both are
// durable timers in the database, claimed with SKIP LOCKED, so overlapping runs and restarts do each thing once.

const BATCH = 100;

async function runDueChecks(db: Db, context: ServiceContext, now: Date): Promise<number> {
  let started = 0;
  for (;;) {
    const claimed = await withTransaction(
      db,
      async (tx) => {
        const due = await claimDueChecks(tx, now, BATCH);
        for (const watch of due) {
          await clearCheck(tx, watch.objectType, watch.objectId);
          if (watch.acknowledgedAt !== null || watch.closedAt !== null) continue;
          await escalateFor(tx, context, {
            triggers: [`ticket.${watch.checkKind ?? "first_response"}`],
            triggerKey: `ticket.${watch.checkKind ?? "first_response"}:${watch.objectId}`,
            objectType: "ticket",
            objectId: watch.objectId,
            severity: watch.severity as Severity,
            title: `${watch.title}: first response due in ${FIRST_RESPONSE_WARNING_MINUTES} min`,
            path: watch.path,
            teamId: watch.teamId,
          });
          started++;
        }
        return due.length;
      },
      { preset: "batch" },
    );
    if (claimed < BATCH) return started;
  }
}

export async function runOncallClock(
  db: Db,
  context: ServiceContext,
): Promise<TickSummary & { checksStarted: number }> {
  const now = context.clock.now();
  const checksStarted = await runDueChecks(db, context, now);
  return { checksStarted, ...(await fireDueSteps(db, context)) };
}
