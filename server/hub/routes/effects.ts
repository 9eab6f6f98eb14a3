import type { CreateTicketInput } from "../../tickets/contract.ts";
import type { SignalInput } from "../../risk/contract.ts";
import type { InboundRef } from "../mapping/normalised.ts";

// What a route intends; the executor (hub/processing) makes it happen through the domains' services. Every
// effect is idempotent on its inbound event, so a retry after a crash produces nothing twice.

/** The key an inbound event's effects carry in other domains (ticket externalId, signal sourceEventId). */
export const inboundKey = (ref: InboundRef) => `inbound:${ref.source}:${ref.eventId}`;

export type Effect =
  | { kind: "ticket"; ticket: CreateTicketInput & { externalId: string } }
  | { kind: "risk_signal"; signal: Omit<SignalInput, "cityId">; cityCode: string | null }
  /**
   * The bucket's absolute value, counted from the inbox (never an increment): writing it again writes the same
   * number, so an event is counted exactly once whatever the retries.
   */
  | {
      kind: "indicator";
      metric: "kitchen_overloads" | "delivery_failures";
      cityCode: string;
      bucketStart: Date;
    }
  /** An internal comment on each of these tickets, marked with the event's key so it is added once. */
  | { kind: "ticket_comment"; ticketIds: string[]; body: string; marker: string }
  | { kind: "contract_change"; payload: ContractChangePayload };

interface ContractChangePayload {
  source: string;
  eventId: string;
  contract: string;
  version: string;
  change: string;
  summary: string;
  effectiveAt: string;
}

/** A route's verdict: which rule, why, and what it intends. No effects means the event is kept unrouted. */
export interface RouteDecision {
  rule: string;
  why: string;
  effects: Effect[];
}
