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

// Who cancels: at any time 500 consumers are active, each asking CANCELLATIONS_EACH times (500 events apart)
// before the next 500 take over, so most events are a consumer's third request or later and raise a
// refund_abuse signal. A fixed set of consumers asking again and again (500 for the whole run, as before) made
// every consumer's history, and the work of counting and scoring it, grow for as long as the run went on: no
// steady state to measure, and a load no platform sees. Orders likewise: two requests each, then new orders.
const ACTIVE_CONSUMERS = 500;
const CANCELLATIONS_EACH = 8;
const ACTIVE_ORDERS = 500;
const REQUESTS_PER_ORDER = 2;

/** The n-th of a rolling set: `active` at a time, each used `uses` times, round-robin. */
const rolling = (n: number, active: number, uses: number) =>
  active * Math.floor(n / (active * uses)) + (n % active);

/** The n-th event of the run, a consumer_experience event about an order. */
const aboutOrder = <Data>(n: number, type: string, order: string, time: string, data: Data) => ({
  specversion: "1.0",
  id: `bench-${RUN}-${n}`,
  source: "consumer_experience",
  type,
  time,
  subject: `order/${order}`,
  data,
});

/** A new OrderCancellationRequested from the consumers and orders active at this point of the run. */
export function benchEvent() {
  const n = next++;
  const order = `ord_${rolling(n, ACTIVE_ORDERS, REQUESTS_PER_ORDER)}`;
  const consumer = `cus_${rolling(n, ACTIVE_CONSUMERS, CANCELLATIONS_EACH)}`;
  const now = new Date().toISOString();
  return aboutOrder(n, "OrderCancellationRequested", order, now, {
    orderId: order,
    consumerId: consumer,
    restaurantId: `res_${n % 300}`,
    cityCode: "TYO",
    reason: "late_delivery",
    comment: "The courier did not arrive within the promised window.",
    amountYen: 1_980,
    requestedAt: now,
  });
}

/**
 * An OrderStatusUpdated about an order no ticket names: processed as every event is (claimed, normalised, its
 * facts read, its decision stored), but its route finds no timeline to add to, so it makes nothing.
 */
export function benchStatusUpdate() {
  const n = next++;
  const order = `ord_none_${n}`;
  const now = new Date().toISOString();
  return aboutOrder(n, "OrderStatusUpdated", order, now, {
    orderId: order,
    cityCode: "TYO",
    status: "preparing",
    updatedAt: now,
  });
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
