import { CANCELLATION_REASONS } from "../hub/catalogue.ts";
import type { Rng } from "./random.ts";
import { CITIES } from "./reference.ts";

// DEMO DATA ONLY. What the other platform units "send" the event hub on one tick of the demo feed (every 5 s):
// order updates, most about orders no ticket names (kept unrouted, as most of a real stream is), notifications,
// restaurants' rejections, and every two minutes a consumer asking to cancel (a ticket; a consumer of the small
// pool asking a third time in a day raises a refund_abuse signal). Later updates of a cancelled order go on its
// ticket's timeline. No indicator-feeding events: the demo's city readings come from its own feed.

const CANCEL_EVERY_TICKS = 24;
const NOTIFY_EVERY_TICKS = 3;
const REJECT_EVERY_TICKS = 6;
const CONSUMERS = 40;

const ORDER_STATUSES = ["accepted", "preparing", "picked_up", "delivered"] as const;
const COMMENTS = [
  "配達予定時刻を30分過ぎても届いていません。",
  "The courier has not moved for 20 minutes.",
  "注文と違う商品が届きました。",
  "Charged twice for the same order.",
];

export interface DemoCloudEvent {
  specversion: "1.0";
  id: string;
  source: string;
  type: string;
  time: string;
  data: Record<string, unknown>;
}

/** Order ids the feed asked to cancel, newest last, so later updates can be about them. */
export type CancelledOrders = string[];

const REMEMBERED = 20;

export function demoHubEvents(
  tick: number,
  now: Date,
  rng: Rng,
  cancelled: CancelledOrders,
): DemoCloudEvent[] {
  const at = now.toISOString();
  const city = () => rng.pick(CITIES).code;
  const id = (kind: string) => `demo-${kind}-${now.getTime().toString(36)}-${Math.floor(rng.next() * 1e9)}`;
  const freshOrder = () => `ord-demo-${Math.floor(rng.next() * 1e8)}`;
  const event = (source: string, type: string, data: Record<string, unknown>): DemoCloudEvent => ({
    specversion: "1.0",
    id: id(type),
    source,
    type,
    time: at,
    data,
  });
  // A third of the updates are about an order the feed asked to cancel: they reach its ticket's timeline.
  const order = cancelled.length > 0 && rng.chance(1 / 3) ? rng.pick(cancelled) : freshOrder();
  const events = [
    event("consumer_experience", "OrderStatusUpdated", {
      orderId: order,
      cityCode: city(),
      status: rng.pick(ORDER_STATUSES),
      updatedAt: at,
    }),
  ];
  if (tick % NOTIFY_EVERY_TICKS === 0) {
    events.push(
      event("consumer_experience", "ConsumerNotified", {
        orderId: order,
        consumerId: `cus-demo-${rng.int(1, CONSUMERS)}`,
        channel: rng.pick(["push", "sms", "email"] as const),
        message: "ご注文の配達状況が更新されました。",
        notifiedAt: at,
      }),
    );
  }
  if (tick % REJECT_EVERY_TICKS === 0) {
    events.push(
      event("restaurant_operations", "OrderRejected", {
        orderId: freshOrder(),
        restaurantId: `res-demo-${rng.int(1, 60)}`,
        cityCode: city(),
        reason: rng.pick(["out_of_stock", "closed", "other"] as const),
        rejectedAt: at,
      }),
    );
  }
  if (tick % CANCEL_EVERY_TICKS === 0) {
    const orderId = freshOrder();
    events.push(
      event("consumer_experience", "OrderCancellationRequested", {
        orderId,
        consumerId: `cus-demo-${rng.int(1, CONSUMERS)}`,
        restaurantId: `res-demo-${rng.int(1, 60)}`,
        cityCode: city(),
        reason: rng.pick(CANCELLATION_REASONS),
        ...(rng.chance(0.6) ? { comment: rng.pick(COMMENTS) } : {}),
        amountYen: rng.int(900, 6_000),
        requestedAt: at,
      }),
    );
    cancelled.push(orderId);
    if (cancelled.length > REMEMBERED) cancelled.shift();
  }
  return events;
}

/**
 * An event whose data fails its schema (a status the catalogue does not know), one per day: the Event hub's
 * dead letters show what a sender's mistake looks like. A re-send the same day is answered 422 and not stored.
 */
export function demoSchemaFailure(now: Date): DemoCloudEvent {
  const day = now.toISOString().slice(0, 10);
  return {
    specversion: "1.0",
    id: `demo-status-lost-${day}`,
    source: "consumer_experience",
    type: "OrderStatusUpdated",
    time: now.toISOString(),
    data: { orderId: `ord-demo-${day}`, cityCode: "TYO", status: "lost", updatedAt: now.toISOString() },
  };
}
