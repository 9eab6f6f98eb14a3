import { randomUUID } from "node:crypto";
import { getDb } from "../../server/db/client.ts";
import { orderingKey, type InboundType } from "../../server/hub/catalogue.ts";
import { drainInbox as drainInboxOf } from "../../server/hub/processing/batch.ts";
import { logger } from "../../server/lib/logger.ts";

// Inbox rows as the edge writes them (pending, or held for a paused source), and the worker's drain.

const SOURCE_OF: Record<InboundType, string> = {
  OrderCancellationRequested: "consumer_experience",
  OrderStatusUpdated: "consumer_experience",
  ConsumerNotified: "consumer_experience",
  OrderRejected: "restaurant_operations",
  KitchenOverloaded: "restaurant_operations",
  DeliveryFailed: "courier_mobility",
  SafetyIncidentReported: "courier_mobility",
  ContractChanged: "integration_contract",
};

export async function insertInbound(
  type: InboundType,
  data: Record<string, unknown>,
  options: { status?: "pending" | "held"; eventId?: string } = {},
) {
  return getDb().inboundEvent.create({
    data: {
      source: SOURCE_OF[type],
      eventId: options.eventId ?? `evt-${randomUUID()}`,
      type,
      data: data as never,
      orderingKey: orderingKey(type, data),
      receivedVia: "test",
      status: options.status ?? "pending",
    },
  });
}

/** Everything due now, as the app's inbox worker would on its next wake-up (`concurrency`: the batch size). */
export function drainInbox(options: { concurrency?: number; maxAttempts?: number; leaseMs?: number } = {}) {
  return drainInboxOf(getDb(), { log: logger, ...options });
}

export const inboxRow = (seq: bigint) => getDb().inboundEvent.findUniqueOrThrow({ where: { seq } });
