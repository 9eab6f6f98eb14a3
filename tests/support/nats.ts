import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";

// NATS test helpers: a stream of the test's own (the server is shared), events in CloudEvents JSON, and the
// sources the inbox accepts.

export const NATS_URL = process.env.NATS_URL;

export function testStream() {
  const tag = randomBytes(4).toString("hex");
  return {
    stream: `IT_${tag}`,
    subject: `it.${tag}.events`,
    subjects: [`it.${tag}.>`],
    durable: `hub_${tag}`,
  };
}

export function cancellationEvent(overrides: Record<string, unknown> = {}) {
  return {
    specversion: "1.0",
    id: randomUUID(),
    source: "consumer_experience",
    type: "OrderCancellationRequested",
    time: new Date().toISOString(),
    data: {
      orderId: `order-${randomUUID()}`,
      consumerId: "consumer-1",
      restaurantId: "restaurant-1",
      cityCode: "TYO",
      reason: "late_delivery",
      requestedAt: new Date().toISOString(),
    },
    ...overrides,
  };
}

export async function ensureEventSources(pool: pg.Pool): Promise<void> {
  await pool.query(
    `INSERT INTO "EventSource" (key, name, "updatedAt") VALUES ('consumer_experience', 'Consumer experience', now())
     ON CONFLICT (key) DO NOTHING`,
  );
}

export async function inboxRows(pool: pg.Pool, eventIds: readonly string[]) {
  const { rows } = await pool.query<{ eventId: string; status: string; failureClass: string | null }>(
    `SELECT "eventId", status, "failureClass" FROM "InboundEvent" WHERE source = 'consumer_experience'
        AND "eventId" = ANY($1::text[]) ORDER BY seq`,
    [eventIds],
  );
  return rows;
}
