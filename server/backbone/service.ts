import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import type { BackboneOverview, RedriveInput } from "./contract.ts";
import { listDeadLetters, reviveDeadLetters } from "./delivery-repository.ts";
import { readConsumerLag } from "./lag.ts";

// What an admin does with the consumers: see their backlog and dead letters, and send dead letters back.

export async function backboneOverview(
  db: Db,
  context: ServiceContext,
  limit: number,
): Promise<BackboneOverview> {
  requirePermission(context, "events:manage");
  const [consumers, dead] = await Promise.all([
    readConsumerLag(db, context.clock.now()),
    listDeadLetters(db, limit),
  ]);
  return { consumers, deadLetters: dead.map((row) => ({ ...row, eventSeq: row.eventSeq.toString() })) };
}

/** Dead letters go back to their consumer's list, due now; each redrive is an event with its audit entry. */
export async function redriveDeadLetters(db: Db, context: ServiceContext, input: RedriveInput) {
  requirePermission(context, "events:manage");
  const keys = input.deliveries.map((key) => ({ consumer: key.consumer, eventSeq: BigInt(key.eventSeq) }));
  return withTransaction(db, async (tx) => {
    const revived = await reviveDeadLetters(tx, keys);
    await recordEvents(
      tx,
      context,
      revived.map((row) => ({
        type: "EventDeliveryRedriven" as const,
        aggregateType: "event_delivery",
        aggregateId: `${row.consumer}:${row.eventSeq}`,
        payload: {
          consumer: row.consumer,
          eventSeq: row.eventSeq.toString(),
          eventType: row.eventType,
          aggregateKey: row.aggregateKey,
        },
      })),
    );
    return { redriven: revived.length, notDead: keys.length - revived.length };
  });
}
