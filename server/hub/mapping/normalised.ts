import type { InboundData, InboundType, SourceKey } from "../catalogue.ts";

// The console's own shape of an inbound event, whatever its source unit and payload version said: when it
// happened, in which city, about which order and which consumer, restaurant or courier. Routes read only this.

export interface InboundRef {
  source: SourceKey;
  eventId: string;
}

interface Common {
  ref: InboundRef;
  occurredAt: Date;
  /** Three-letter City.code, or null when the event names no city. */
  cityCode: string | null;
  orderRef: string | null;
  subjects: { consumer?: string; restaurant?: string; courier?: string };
}

type Details = {
  OrderCancellationRequested: Pick<
    InboundData<"OrderCancellationRequested">,
    "reason" | "comment" | "amountYen"
  >;
  OrderStatusUpdated: Pick<InboundData<"OrderStatusUpdated">, "status" | "note">;
  ConsumerNotified: Pick<InboundData<"ConsumerNotified">, "channel" | "message">;
  OrderRejected: Pick<InboundData<"OrderRejected">, "reason">;
  KitchenOverloaded: Pick<InboundData<"KitchenOverloaded">, "backlogOrders">;
  DeliveryFailed: Pick<InboundData<"DeliveryFailed">, "reason">;
  SafetyIncidentReported: Pick<
    InboundData<"SafetyIncidentReported">,
    "incidentId" | "severity" | "description"
  >;
  ContractChanged: Pick<InboundData<"ContractChanged">, "contract" | "version" | "change" | "summary">;
};

export type NormalisedOf<T extends InboundType> = Common & { type: T; details: Details[T] };

export type NormalisedEvent = { [T in InboundType]: NormalisedOf<T> }[InboundType];

/** An inbox row as the mapping reads it. */
export interface RawInbound {
  source: string;
  eventId: string;
  type: string;
  dataVersion: number;
  data: unknown;
}

/** The mapping cannot read the event: a new attempt reads it the same way, so it is a dead letter at once. */
export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MappingError";
  }
}
