import { defined, type SourceMapping } from "./source-mapping.ts";

// courier_mobility: deliveries and couriers' safety.

const V1: SourceMapping = {
  DeliveryFailed: {
    1: (data, ref) => ({
      type: "DeliveryFailed",
      ref,
      occurredAt: new Date(data.failedAt),
      cityCode: data.cityCode,
      orderRef: data.orderId,
      subjects: defined({ courier: data.courierId, consumer: data.consumerId }),
      details: { reason: data.reason },
    }),
  },
  SafetyIncidentReported: {
    1: (data, ref) => ({
      type: "SafetyIncidentReported",
      ref,
      occurredAt: new Date(data.occurredAt),
      cityCode: data.cityCode,
      orderRef: data.orderId ?? null,
      subjects: { courier: data.courierId },
      details: { incidentId: data.incidentId, severity: data.severity, description: data.description },
    }),
  },
};

export const COURIER_MOBILITY_MAPPINGS: Record<number, SourceMapping> = { 1: V1 };
