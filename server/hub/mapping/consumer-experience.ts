import { defined, type SourceMapping } from "./source-mapping.ts";

// consumer_experience: the consumer app's order and notification events.

const V1: SourceMapping = {
  OrderCancellationRequested: {
    1: (data, ref) => ({
      type: "OrderCancellationRequested",
      ref,
      occurredAt: new Date(data.requestedAt),
      cityCode: data.cityCode,
      orderRef: data.orderId,
      subjects: { consumer: data.consumerId, restaurant: data.restaurantId },
      details: defined({ reason: data.reason, comment: data.comment, amountYen: data.amountYen }),
    }),
  },
  OrderStatusUpdated: {
    1: (data, ref) => ({
      type: "OrderStatusUpdated",
      ref,
      occurredAt: new Date(data.updatedAt),
      cityCode: data.cityCode,
      orderRef: data.orderId,
      subjects: {},
      details: defined({ status: data.status, note: data.note }),
    }),
  },
  ConsumerNotified: {
    1: (data, ref) => ({
      type: "ConsumerNotified",
      ref,
      occurredAt: new Date(data.notifiedAt),
      cityCode: null,
      orderRef: data.orderId,
      subjects: { consumer: data.consumerId },
      details: { channel: data.channel, message: data.message },
    }),
  },
};

export const CONSUMER_EXPERIENCE_MAPPINGS: Record<number, SourceMapping> = { 1: V1 };
