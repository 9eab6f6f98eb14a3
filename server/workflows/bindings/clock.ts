import type { Db } from "../../db/client.ts";
import { withTransaction } from "../../db/transaction.ts";
import type { ServiceContext } from "../../lib/service-context.ts";
import { instancesWithRunningClocks } from "./binding-repository.ts";
import { applySystemDecision } from "./system-decision.ts";

// The workflows.clock job: time passing moves instances — a condition held long enough (the city stayed
// recovered for its N minutes) or a timer run out finishes its step. Each instance in its own short
// transaction under its row lock; a tick that changes nothing writes nothing, so overlapping runs are harmless.

const BATCH = 500;

export async function runWorkflowClock(
  db: Db,
  context: ServiceContext,
): Promise<{ checked: number; moved: number }> {
  const ids = await instancesWithRunningClocks(db, context.clock.now(), BATCH);
  let moved = 0;
  for (const id of ids) {
    const result = await withTransaction(db, (tx) => applySystemDecision(tx, context, id, { type: "tick" }));
    if (result.changed) moved++;
  }
  return { checked: ids.length, moved };
}
