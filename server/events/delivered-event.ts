import type { Db } from "../db/client.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import type { EventType } from "./types.ts";

/** A committed domain event as a consumer receives it. */
export interface DeliveredEvent {
  id: string;
  seq: bigint;
  type: EventType;
  aggregateType: string;
  aggregateId: string;
  payload: unknown;
  occurredAt: Date;
  correlationId: string;
}

/**
 * What a domain exports to react to another domain's events. The context is a system actor named after the
 * consumer, caused by the event. A handler may run again for the same event (after a crash or a retry): its
 * effect must be idempotent on the event, which the domains do with keys such as `alert:<id>`.
 * Returns a short note of what it did, kept for the logs.
 */
export type EventHandler = (db: Db, context: ServiceContext, event: DeliveredEvent) => Promise<string>;
