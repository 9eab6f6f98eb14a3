import type { Attributes } from "@opentelemetry/api";

// What the runner needs of a durable work list: the consumers' deliveries (EventDelivery) and the hub's inbox
// (InboundEvent) are both one. A list hands out due items with per-key order and a lease, and records each
// outcome; the runner decides when a failure is retried and when it becomes a dead letter.

export type NextStep = { retryInMs: number } | "dead";

/** The span an item's handling runs in (tracing on only), continuing the trace the item was written in. */
export interface ItemSpan {
  name: string;
  /** The W3C traceparent stored with the item, or null: the span then starts a trace of its own. */
  parent: string | null;
  attributes: Attributes;
}

interface Failure {
  /** Short text kept on the item (lastError). */
  message: string;
  /** A class the list records (mapping, routing, downstream …), or null where the list keeps none. */
  failureClass: string | null;
  /** No later attempt can succeed: the item becomes a dead letter at once. */
  permanent: boolean;
}

export interface WorkList<Item extends { attempts: number }, Result> {
  readonly name: string;
  /**
   * Up to `limit` due items, each leased for `leaseMs`, never one while an earlier item of its key is still
   * pending (waiting, leased or backing off). `attempts` counts the attempt being handed out.
   */
  claim(limit: number, leaseMs: number): Promise<Item[]>;
  handle(item: Item): Promise<Result>;
  done(item: Item, result: Result): Promise<void>;
  classify(error: unknown): Omit<Failure, "message">;
  failed(item: Item, failure: Failure, next: NextStep): Promise<void>;
  /** What the logs say about an item. */
  describe(item: Item): Record<string, unknown>;
  /** The span of an item's attempt; a list without one is handled untraced. */
  span?(item: Item): ItemSpan;
}
