import type { Db } from "../db/client.ts";
import type { EventHandler } from "../events/delivered-event.ts";
import { systemContext } from "../lib/service-context.ts";
import { claimDeliveries, markDelivered, markFailed, type ClaimedDelivery } from "./delivery-repository.ts";
import type { WorkList } from "./work-list.ts";

/**
 * One consumer's deliveries as a work list. Every failure is retried until the attempts run out: a consumer's
 * failure may be cured by a later state of the console (a city added, a rule fixed), and a redrive follows.
 */
export function deliveryWorkList(
  db: Db,
  consumer: string,
  handler: EventHandler,
): WorkList<ClaimedDelivery, string> {
  return {
    name: consumer,
    claim: (limit, leaseMs) => claimDeliveries(db, consumer, limit, leaseMs),
    handle: ({ event }) =>
      handler(
        db,
        systemContext(consumer, { correlationId: event.correlationId, causationId: event.id }),
        event,
      ),
    done: (delivery) => markDelivered(db, consumer, delivery.eventSeq),
    classify: () => ({ failureClass: null, permanent: false }),
    failed: (delivery, failure, next) => markFailed(db, consumer, delivery.eventSeq, failure.message, next),
    describe: ({ event, attempts }) => ({ consumer, event: event.id, type: event.type, attempts }),
  };
}
