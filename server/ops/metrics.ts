import { Counter, Registry, collectDefaultMetrics } from "prom-client";
import type { Db } from "../db/client.ts";
import { registerInboxDepthGauge } from "../hub/processing/metrics.ts";
import { logger } from "../lib/logger.ts";
import { addScrapeGauges } from "./scrape-gauges.ts";

interface Metrics {
  registry: Registry;
  httpRequests: Counter<"route" | "status">;
  rateLimited: Counter<"limit">;
}

// One registry per process (Next may load this module more than once in development).
const globalForMetrics = globalThis as unknown as { opsMetrics?: Metrics };

function createMetrics(): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "ops-console" });
  collectDefaultMetrics({ register: registry });
  const httpRequests = new Counter({
    name: "ops_http_requests_total",
    help: "REST integration requests by route and status.",
    labelNames: ["route", "status"] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: "ops_rate_limited_total",
    help: "Requests refused with 429 by a rate limit (server/security/rate-limits.ts), by limit.",
    labelNames: ["limit"] as const,
    registers: [registry],
  });
  return { registry, httpRequests, rateLimited };
}

export function metrics(): Metrics {
  globalForMetrics.opsMetrics ??= createMetrics();
  return globalForMetrics.opsMetrics;
}

/** The process's counters and histograms, and the gauges read from the database at this scrape. */
export async function renderMetrics(db: Db): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  // The inbox depth is the worker's gauge; a process running no worker reports the shared inbox too.
  registerInboxDepthGauge(db);
  const scrape = new Registry();
  await addScrapeGauges(scrape, db, logger.child({ route: "metrics" }));
  const merged = Registry.merge([registry, scrape]);
  return { body: await merged.metrics(), contentType: registry.contentType };
}
