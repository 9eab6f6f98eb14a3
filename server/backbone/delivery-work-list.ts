import type { Db } from "../db/client.ts";
import type { DeliveredEvent, EventHandler } from "../events/delivered-event.ts";
import { systemContext, type ServiceContext } from "../lib/service-context.ts";
import { objectAttributes } from "../lib/telemetry/spans.ts";
import { consumerLatency } from "./metrics.ts";
import { claimDeliveries, markDelivered, markFailed, type ClaimedDelivery } from "./delivery-repository.ts";
import type { WorkList } from "./work-list.ts";

/** What a consumer acts as on an event: itself, caused by the event, in the event's correlation. */
export const consumerContext = (consumer: string, event: DeliveredEvent): ServiceContext =>
  systemContext(consumer, { correlationId: event.correlationId, causationId: event.id });

/** Seconds from an event to its delivery marked done, per consumer. */
export function observeLatency(consumer: string, event: DeliveredEvent): void {
  const seconds = (Date.now() - event.occurredAt.getTime()) / 1_000;
  consumerLatency().observe({ consumer }, Math.max(0, seconds));
}

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
    handle: ({ event }) => handler(db, consumerContext(consumer, event), event),
    async done(delivery) {
      await markDelivered(db, consumer, delivery.eventSeq);
      observeLatency(consumer, delivery.event);
    },
    classify: () => ({ failureClass: null, permanent: false }),
    failed: (delivery, failure, next) => markFailed(db, consumer, delivery.eventSeq, failure.message, next),
    describe: ({ event, attempts }) => ({ consumer, event: event.id, type: event.type, attempts }),
    span: ({ event, traceparent }) => ({
      name: `${consumer} process`,
      parent: traceparent,
      attributes: {
        "messaging.system": "ops-backbone",
        "messaging.operation.type": "process",
        "messaging.consumer.group.name": consumer,
        "messaging.message.id": event.id,
        "ops.event.type": event.type,
        "ops.event.seq": event.seq.toString(),
        ...objectAttributes(event.aggregateType, event.aggregateId),
      },
    }),
  };
}
