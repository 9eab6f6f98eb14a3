import { performance } from "node:perf_hooks";
import type { Db } from "../server/db/client.ts";
import { withTransaction, type Tx } from "../server/db/transaction.ts";
import { recordEvents, type DomainEventInput } from "../server/events/record.ts";
import { systemContext } from "../server/lib/service-context.ts";
import { alertTriggeredPayload } from "../tests/support/alert-payload.ts";

// The trigger path's cost to the transaction that raises it. The triggers are backbone consumers: the raising
// transaction only records the trigger event (fanned out to the on-call consumer's work list in the same
// statement); escalating and enqueueing the page happen after commit. So the same transaction — one row changed
// and its audit event — is timed without and with a trigger event (AlertTriggered, heard by on-call and three
// other consumers). Runs are interleaved so machine load hits both alike.

export interface TriggerCost {
  runs: number;
  base: { p50: number; p95: number };
  withEvent: { p50: number; p95: number };
}

const RUNS = 400;

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

export async function measureTriggerCost(db: Db, userId: string): Promise<TriggerCost> {
  const context = systemContext("bench.trigger");
  const changed = {
    type: "UserUpdated",
    aggregateType: "user",
    aggregateId: userId,
    payload: { bench: true },
  } as const;
  const change = async (tx: Tx, trigger: DomainEventInput[]) => {
    await tx.$executeRaw`UPDATE "User" SET "updatedAt" = now() WHERE id = ${userId}::uuid`;
    // As a domain records its events: all of the change's events in one statement.
    await recordEvents(tx, context, [changed, ...trigger]);
  };
  const variants: Record<"base" | "withEvent", (tx: Tx) => Promise<unknown>> = {
    base: (tx: Tx) => change(tx, []),
    withEvent: (tx: Tx) => {
      const payload = alertTriggeredPayload(new Date());
      return change(tx, [
        { type: "AlertTriggered", aggregateType: "alert", aggregateId: payload.alertId, payload },
      ]);
    },
  };
  const samples = { base: [] as number[], withEvent: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    for (const name of ["base", "withEvent"] as const) {
      const start = performance.now();
      await withTransaction(db, variants[name]);
      samples[name].push(performance.now() - start);
    }
  }
  return {
    runs: RUNS,
    base: percentiles(samples.base),
    withEvent: percentiles(samples.withEvent),
  };
}
