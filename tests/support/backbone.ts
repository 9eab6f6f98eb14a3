import { drainConsumer } from "../../server/backbone/runner.ts";
import { consumerHandlers } from "../../server/backbone/consumers.ts";
import { getDb } from "../../server/db/client.ts";
import type { ConsumerName } from "../../server/events/subscriptions.ts";
import { logger } from "../../server/lib/logger.ts";

/** Runs one consumer over everything due now, as the app's runner would on its next wake-up. */
export function drain(consumer: ConsumerName, leaseMs?: number) {
  return drainConsumer({ db: getDb(), handlers: consumerHandlers(), log: logger, leaseMs }, consumer);
}

export function deliveriesOf(eventId: string) {
  return getDb().eventDelivery.findMany({ where: { eventId }, orderBy: { consumer: "asc" } });
}
