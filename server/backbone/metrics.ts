import { Histogram } from "prom-client";
import { metrics } from "../ops/metrics.ts";

// How long a domain event waits for each consumer: from its commit to the consumer's handling committed, retries
// and backoff included. The dashboards' "event processing latency" reads it with the inbox's own histogram.

const globalForConsumers = globalThis as unknown as { opsConsumerLatency?: Histogram<"consumer"> };

export function consumerLatency(): Histogram<"consumer"> {
  globalForConsumers.opsConsumerLatency ??= new Histogram({
    name: "ops_consumer_delivery_seconds",
    help: "From a domain event's recording to a consumer's handling of it committed, by consumer.",
    labelNames: ["consumer"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [metrics().registry],
  });
  return globalForConsumers.opsConsumerLatency;
}
