import { Gauge, Histogram } from "prom-client";
import type { Db } from "../../db/client.ts";
import { metrics } from "../../ops/metrics.ts";
import { pendingInboundCount } from "../processing-repository.ts";

// Processing's figures on /api/metrics: accepted → routed latency, and the inbox depth read at scrape time.

interface InboxMetrics {
  processing: Histogram<"outcome">;
}

const globalForInbox = globalThis as unknown as { opsInboxMetrics?: InboxMetrics };

export function inboxMetrics(): InboxMetrics {
  globalForInbox.opsInboxMetrics ??= {
    processing: new Histogram({
      name: "ops_inbound_processing_seconds",
      help: "From an inbound event's acceptance to its outcome committed (routed, unrouted or dead).",
      labelNames: ["outcome"] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers: [metrics().registry],
    }),
  };
  return globalForInbox.opsInboxMetrics;
}

const globalForGauge = globalThis as unknown as { opsInboxDepth?: Gauge };

/** ops_inbox_pending, counted when scraped so every instance reports the shared inbox. Once per process. */
export function registerInboxDepthGauge(db: Db): void {
  globalForGauge.opsInboxDepth ??= new Gauge({
    name: "ops_inbox_pending",
    help: "Inbound events waiting to be processed, retries included.",
    registers: [metrics().registry],
    async collect() {
      this.set(await pendingInboundCount(db));
    },
  });
}
