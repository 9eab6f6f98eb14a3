import { createHmac, randomUUID } from "node:crypto";
import type pg from "pg";
import { sha256Hex } from "../server/auth/hash.ts";
import type { Db } from "../server/db/client.ts";
import { issueClientCredentialsToken } from "../server/integration/oauth.ts";
import { SOURCE_KEYS } from "../server/hub/catalogue.ts";
import type { NewInboundEvent } from "../server/hub/inbox-repository.ts";

// Fixtures of the event benchmark: the sources, a writer token and a signing secret on the scratch database,
// and events of the catalogue with unique ids (so every request is a new event, never a duplicate).

const RUN = randomUUID().slice(0, 8);
let next = 0;

export const SIGNING_SECRET = `whsec_${Buffer.from(`bench-signing-key-${RUN}`).toString("base64")}`;
const SIGNING_KEY = Buffer.from(SIGNING_SECRET.slice("whsec_".length), "base64");

export async function createFixtures(db: Db, pool: pg.Pool): Promise<{ token: string }> {
  for (const key of SOURCE_KEYS) {
    await pool.query(
      `INSERT INTO "EventSource" (key, name, "updatedAt") VALUES ($1, $1, now()) ON CONFLICT DO NOTHING`,
      [key],
    );
  }
  await pool.query(
    `INSERT INTO "EventSourceSecret" (id, "sourceKey", secret) VALUES ($1, 'consumer_experience', $2)`,
    [randomUUID(), SIGNING_SECRET],
  );
  const client = { clientId: `bench-${RUN}`, clientSecret: randomUUID() };
  await db.apiClient.create({
    data: {
      clientId: client.clientId,
      name: "bench",
      secretHash: sha256Hex(client.clientSecret),
      scopes: ["events:write"],
    },
  });
  const { access_token: token } = await issueClientCredentialsToken(db, { ...client, scope: null });
  return { token };
}

/** A new OrderCancellationRequested, spread over 5,000 orders and 500 consumers. */
export function benchEvent() {
  const n = next++;
  const now = new Date().toISOString();
  return {
    specversion: "1.0",
    id: `bench-${RUN}-${n}`,
    source: "consumer_experience",
    type: "OrderCancellationRequested",
    time: now,
    subject: `order/ord_${n % 5_000}`,
    data: {
      orderId: `ord_${n % 5_000}`,
      consumerId: `cus_${n % 500}`,
      restaurantId: `res_${n % 300}`,
      cityCode: "TYO",
      reason: "late_delivery",
      comment: "The courier did not arrive within the promised window.",
      amountYen: 1_980,
      requestedAt: now,
    },
  };
}

/** Standard Webhooks headers for a body, signed with the bench source's secret. */
export function signatureHeaders(body: string): Record<string, string> {
  const id = `msg_${next++}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const digest = createHmac("sha256", SIGNING_KEY).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": `v1,${digest}` };
}

/** The rows the edge would store for these events, for the bare-INSERT floor. */
export function inboxRows(events: ReturnType<typeof benchEvent>[]): NewInboundEvent[] {
  return events.map((event) => ({
    receiptId: randomUUID(),
    source: event.source,
    eventId: event.id,
    type: event.type,
    dataVersion: 1,
    subject: event.subject,
    time: event.time,
    data: event.data,
    orderingKey: `order:${event.data.orderId}`,
    receivedVia: "bearer:bench",
    status: "pending",
    failureClass: null,
    lastError: null,
    traceparent: null,
  }));
}
