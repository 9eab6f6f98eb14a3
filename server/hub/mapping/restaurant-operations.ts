import type { SourceMapping } from "./source-mapping.ts";

// restaurant_operations: what restaurants' kitchens report.

const V1: SourceMapping = {
  OrderRejected: {
    1: (data, ref) => ({
      type: "OrderRejected",
      ref,
      occurredAt: new Date(data.rejectedAt),
      cityCode: data.cityCode,
      orderRef: data.orderId,
      subjects: { restaurant: data.restaurantId },
      details: { reason: data.reason },
    }),
  },
  KitchenOverloaded: {
    1: (data, ref) => ({
      type: "KitchenOverloaded",
      ref,
      occurredAt: new Date(data.reportedAt),
      cityCode: data.cityCode,
      orderRef: null,
      subjects: { restaurant: data.restaurantId },
      details: { backlogOrders: data.backlogOrders },
    }),
  },
};

export const RESTAURANT_OPERATIONS_MAPPINGS: Record<number, SourceMapping> = { 1: V1 };
