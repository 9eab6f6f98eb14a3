import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import type { Db } from "../db/client.ts";
import { readConsumerLag, type ConsumerLagView } from "../backbone/lag.ts";
import { readBusinessCounts } from "./metrics-repository.ts";

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

/** Business gauges are read at scrape time, so every app instance reports the same shared truth. */
export async function renderMetrics(db: Db): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  const counts = await readBusinessCounts(db);
  const scrape = new Registry();
  const tickets = new Gauge({
    name: "ops_tickets",
    help: "Tickets not closed, by status.",
    labelNames: ["status"],
    registers: [scrape],
  });
  counts.ticketsByStatus.forEach((row) => tickets.set({ status: row.status }, row.count));
  const risks = new Gauge({
    name: "ops_risk_cases_open",
    help: "Open risk cases by level.",
    labelNames: ["level"],
    registers: [scrape],
  });
  counts.openRiskCasesByLevel.forEach((row) => risks.set({ level: row.level }, row.count));
  const alerts = new Gauge({
    name: "ops_alerts_active",
    help: "Alerts pending or firing.",
    labelNames: ["state"],
    registers: [scrape],
  });
  counts.activeAlertsByState.forEach((row) => alerts.set({ state: row.state }, row.count));
  new Gauge({
    name: "ops_domain_events_last_seq",
    help: "Sequence number of the newest domain event.",
    registers: [scrape],
  }).set(counts.lastEventSeq);
  addConsumerGauges(scrape, await readConsumerLag(db));
  const merged = Registry.merge([registry, scrape]);
  return { body: await merged.metrics(), contentType: registry.contentType };
}

function addConsumerGauges(scrape: Registry, lag: readonly ConsumerLagView[]): void {
  const gauge = (name: string, help: string, value: (row: ConsumerLagView) => number) => {
    const metric = new Gauge({ name, help, labelNames: ["consumer"], registers: [scrape] });
    lag.forEach((row) => metric.set({ consumer: row.consumer }, value(row)));
  };
  gauge(
    "ops_consumer_lag_seconds",
    "Age of the oldest domain event a consumer has not handled yet.",
    (row) => row.lagSeconds,
  );
  gauge("ops_consumer_pending", "Deliveries waiting for a consumer, retries included.", (row) => row.pending);
  gauge("ops_consumer_dead_letters", "Deliveries a consumer gave up on, until redriven.", (row) => row.dead);
}
