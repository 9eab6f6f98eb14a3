import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvents, type DomainEventInput } from "../events/record.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { incidentEvent } from "./events.ts";
import { claimMissedTargets, escalateClaimed, type ResponseTarget } from "./lifecycle-repository.ts";
import { escalationOf } from "./response-targets.ts";

// The incidents.response-sweep job: open incidents past their acknowledgement (respond) or mitigation target are
// escalated, each target once per incident. A batch's claim, escalation, events and audit share a transaction, and
// concurrent sweeps skip each other's rows, so two schedulers running at once escalate nothing twice.

const BATCH = 200;
const TARGETS: readonly ResponseTarget[] = ["respond", "mitigate"];

export async function runIncidentResponseSweep(
  db: Db,
  context: ServiceContext,
): Promise<Record<ResponseTarget, number>> {
  const now = context.clock.now();
  const summary: Record<ResponseTarget, number> = { respond: 0, mitigate: 0 };
  for (const target of TARGETS) {
    for (;;) {
      const claimed = await withTransaction(db, async (tx) => {
        const rows = await claimMissedTargets(tx, target, now, BATCH);
        const events: DomainEventInput[] = [];
        for (const row of rows) {
          const escalation = escalationOf(row, target, now);
          const after = escalation.moveTo ? await escalateClaimed(tx, row.id, now) : row;
          const why = { target, dueAt: escalation.dueAt.toISOString(), reason: escalation.reason };
          events.push(incidentEvent("IncidentTargetMissed", after, why));
          if (escalation.moveTo)
            events.push(
              incidentEvent("IncidentStateChanged", after, { from: row.state, reason: escalation.reason }),
            );
        }
        await recordEvents(tx, context, events);
        return rows.length;
      });
      summary[target] += claimed;
      if (claimed < BATCH) break;
    }
  }
  return summary;
}
