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
  /**
   * Who caused it: "user", "api_client" or "system", as the backbone delivers it (a consumer may treat a person's
   * action differently). Optional for events built by hand, which then count as no person's.
   */
  actorType?: string;
}

/**
 * What a domain exports to react to another domain's events. The context is a system actor named after the
 * consumer, caused by the event. A handler may run again for the same event (after a crash or a retry): its
 * effect must be idempotent on the event, which the domains do with keys such as `alert:<id>`.
 * Returns a short note of what it did, kept for the logs.
 */
export type EventHandler = (db: Db, context: ServiceContext, event: DeliveredEvent) => Promise<string>;

/**
 * A handler that takes a claimed batch of events at once (never two of one aggregate, so per-aggregate order
 * holds), for consumers whose per-event cost is mostly round trips. Returns one note per event, in order, and is
 * all-or-nothing: when it throws, the backbone hands each event over alone (a batch of one), so a bad event fails
 * only itself. Idempotent on each event, as an EventHandler is.
 */
export interface BatchEventHandler {
  batch: (
    db: Db,
    contextOf: (event: DeliveredEvent) => ServiceContext,
    events: readonly DeliveredEvent[],
  ) => Promise<string[]>;
}

export type ConsumerHandler = EventHandler | BatchEventHandler;
