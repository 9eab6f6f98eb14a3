import { z } from "zod";

// The events the console subscribes to, per source unit, each payload a versioned schema. A new version of a
// payload is a new entry (`dataVersion` 2) beside the old one, so senders move over at their own pace.

const id = z.string().trim().min(1).max(100);
const cityCode = z.string().regex(/^[A-Z]{3}$/, "must be a three-letter city code such as TYO");
const at = z.iso.datetime({ offset: true });

export const SOURCE_KEYS = [
  "consumer_experience",
  "restaurant_operations",
  "courier_mobility",
  "integration_contract",
] as const;
export type SourceKey = (typeof SOURCE_KEYS)[number];

export const CANCELLATION_REASONS = [
  "late_delivery",
  "wrong_item",
  "missing_item",
  "restaurant_closed",
  "payment_issue",
  "changed_mind",
  "other",
] as const;

const orderCancellationRequestedV1 = z.strictObject({
  orderId: id,
  consumerId: id,
  restaurantId: id,
  cityCode,
  reason: z.enum(CANCELLATION_REASONS),
  comment: z.string().max(2_000).optional(),
  amountYen: z.number().int().min(0).optional(),
  requestedAt: at,
});

const orderStatusUpdatedV1 = z.strictObject({
  orderId: id,
  cityCode,
  status: z.enum(["placed", "accepted", "preparing", "picked_up", "delivered", "cancelled"]),
  note: z.string().max(2_000).optional(),
  updatedAt: at,
});

const consumerNotifiedV1 = z.strictObject({
  orderId: id,
  consumerId: id,
  channel: z.enum(["push", "sms", "email"]),
  message: z.string().min(1).max(2_000),
  notifiedAt: at,
});

const orderRejectedV1 = z.strictObject({
  orderId: id,
  restaurantId: id,
  cityCode,
  reason: z.enum(["out_of_stock", "kitchen_overloaded", "closed", "other"]),
  rejectedAt: at,
});

const kitchenOverloadedV1 = z.strictObject({
  restaurantId: id,
  cityCode,
  backlogOrders: z.number().int().min(0),
  reportedAt: at,
});

const deliveryFailedV1 = z.strictObject({
  orderId: id,
  courierId: id,
  consumerId: id.optional(),
  cityCode,
  reason: z.enum(["consumer_unreachable", "address_not_found", "courier_accident", "food_damaged", "other"]),
  failedAt: at,
});

const safetyIncidentReportedV1 = z.strictObject({
  incidentId: id,
  courierId: id,
  orderId: id.optional(),
  cityCode,
  severity: z.enum(["minor", "serious", "critical"]),
  description: z.string().min(1).max(2_000),
  occurredAt: at,
});

const contractChangedV1 = z.strictObject({
  contract: z.string().min(1).max(200),
  version: z.string().min(1).max(50),
  change: z.enum(["added", "deprecated", "breaking"]),
  summary: z.string().min(1).max(2_000),
  effectiveAt: at,
});

/** Every subscribed event type: its source unit and its payload schema per data version. */
export const CATALOGUE = {
  OrderCancellationRequested: {
    source: "consumer_experience",
    versions: { 1: orderCancellationRequestedV1 },
  },
  OrderStatusUpdated: { source: "consumer_experience", versions: { 1: orderStatusUpdatedV1 } },
  ConsumerNotified: { source: "consumer_experience", versions: { 1: consumerNotifiedV1 } },
  OrderRejected: { source: "restaurant_operations", versions: { 1: orderRejectedV1 } },
  KitchenOverloaded: { source: "restaurant_operations", versions: { 1: kitchenOverloadedV1 } },
  DeliveryFailed: { source: "courier_mobility", versions: { 1: deliveryFailedV1 } },
  SafetyIncidentReported: { source: "courier_mobility", versions: { 1: safetyIncidentReportedV1 } },
  ContractChanged: { source: "integration_contract", versions: { 1: contractChangedV1 } },
} as const satisfies Record<string, { source: SourceKey; versions: Record<number, z.ZodType> }>;

export type InboundType = keyof typeof CATALOGUE;
export const INBOUND_TYPES = Object.keys(CATALOGUE) as InboundType[];

export type InboundData<
  T extends InboundType,
  V extends keyof (typeof CATALOGUE)[T]["versions"] = 1,
> = z.infer<(typeof CATALOGUE)[T]["versions"][V] & z.ZodType>;

export function isInboundType(type: string): type is InboundType {
  return Object.hasOwn(CATALOGUE, type);
}

/** The schema of a type's data version, or null when the catalogue has no such version. */
export function payloadSchema(type: InboundType, version: number): z.ZodType | null {
  const versions: Record<number, z.ZodType> = CATALOGUE[type].versions;
  return versions[version] ?? null;
}

/**
 * Events about one order are processed in order, and so are those about one restaurant (or one courier, or one
 * contract) when no order is named.
 */
export function orderingKey(type: InboundType, data: Record<string, unknown>): string {
  if (typeof data.orderId === "string") return `order:${data.orderId}`;
  if (typeof data.restaurantId === "string") return `restaurant:${data.restaurantId}`;
  if (typeof data.courierId === "string") return `courier:${data.courierId}`;
  return `${type}:${typeof data.contract === "string" ? data.contract : "unkeyed"}`;
}
