// What a rule may need to know beyond the event itself, read by the executor before the rule runs (so rules
// stay pure). A rule names the facts it needs; the others are left at their neutral value.

export interface RouteFacts {
  /** Cancellation requests by the event's consumer in the busiest 24 h window that holds it, itself included. */
  consumerCancellations24h: number;
  /** Failed deliveries by the event's courier in the busiest 24 h window that holds it, itself included. */
  courierFailures24h: number;
  /** Tickets about the event's order that are not closed, oldest first. */
  orderTickets: { id: string; number: number }[];
  /** From when the inbox still holds every processed event: older ones leave with the retention policy. */
  inboxHorizon: Date;
  /** The last bucket an event may count into: now, with a few minutes for the senders' clocks. */
  latestBucket: Date;
}

export type FactName = keyof RouteFacts;

export const NO_FACTS: RouteFacts = {
  consumerCancellations24h: 0,
  courierFailures24h: 0,
  orderTickets: [],
  inboxHorizon: new Date(0),
  latestBucket: new Date(8.64e15),
};

/** Repeated events of one subject within a day that make a risk signal. */
export const REPEAT_THRESHOLD = 3;
