import type { EventType } from "./types.ts";

// Which consumer hears which event types. Plain data beside the event log, so recording an event can fan it out
// to its consumers' work lists in the same transaction without knowing any consumer's code. Each name here has
// exactly one handler in server/backbone/consumers.ts (a test holds the two lists together).
export const CONSUMER_SUBSCRIPTIONS = {
  "tickets.alert-tickets": ["AlertTriggered"],
  "risk.alert-signals": ["AlertTriggered"],
} as const satisfies Record<string, readonly EventType[]>;

export type ConsumerName = keyof typeof CONSUMER_SUBSCRIPTIONS;

export const CONSUMER_NAMES = Object.keys(CONSUMER_SUBSCRIPTIONS) as ConsumerName[];

/** (consumer, event type) pairs, flat, for the fan-out in recordEvents' SQL. */
export const SUBSCRIPTION_PAIRS: { consumers: string[]; types: string[] } = {
  consumers: CONSUMER_NAMES.flatMap((name) => CONSUMER_SUBSCRIPTIONS[name].map(() => name)),
  types: CONSUMER_NAMES.flatMap((name) => [...CONSUMER_SUBSCRIPTIONS[name]]),
};
