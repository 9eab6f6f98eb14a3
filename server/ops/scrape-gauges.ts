import { Gauge, type Registry } from "prom-client";
import { readConsumerLag } from "../backbone/lag.ts";
import type { Db } from "../db/client.ts";
import type { Logger } from "../lib/logger.ts";
import {
  alertResolutionSince,
  indicatorFreshness,
  openTicketsByPriority,
  riskHandlingSince,
  slaOutcomesSince,
  workflowBacklog,
} from "./business-metrics-repository.ts";
import { readBusinessCounts } from "./metrics-repository.ts";

// The gauges /api/metrics computes at scrape time from the shared database, so every instance reports the same
// truth. Each family is read by one query; a family whose query fails (a table being migrated) is left out of
// that scrape and flagged in ops_metrics_collect_failed, instead of failing the whole scrape.

/** The window the "recent" figures cover: a rolling day, so alerts do not reset at midnight. */
const WINDOW_MS = 24 * 3_600_000;

type Sample = [labels: Record<string, string>, value: number];

interface GaugeSpec {
  name: string;
  help: string;
  labelNames: readonly string[];
}

interface Collector {
  /** Named in ops_metrics_collect_failed when its query fails. */
  family: string;
  gauges: readonly GaugeSpec[];
  /** The samples of each gauge, in the order of `gauges`. */
  collect(db: Db, now: Date): Promise<Sample[][]>;
}

const since = (now: Date) => new Date(now.getTime() - WINDOW_MS);

const COLLECTORS: readonly Collector[] = [
  {
    family: "counts",
    gauges: [
      { name: "ops_tickets", help: "Tickets not closed, by status.", labelNames: ["status"] },
      { name: "ops_risk_cases_open", help: "Open risk cases by level.", labelNames: ["level"] },
      { name: "ops_alerts_active", help: "Alerts pending or firing.", labelNames: ["state"] },
      {
        name: "ops_domain_events_last_seq",
        help: "Sequence number of the newest domain event.",
        labelNames: [],
      },
    ],
    async collect(db) {
      const counts = await readBusinessCounts(db);
      return [
        counts.ticketsByStatus.map((row) => [{ status: row.status }, row.count]),
        counts.openRiskCasesByLevel.map((row) => [{ level: row.level }, row.count]),
        counts.activeAlertsByState.map((row) => [{ state: row.state }, row.count]),
        [[{}, counts.lastEventSeq]],
      ];
    },
  },
  {
    family: "consumers",
    gauges: [
      {
        name: "ops_consumer_lag_seconds",
        help: "Age of the oldest domain event a consumer has not handled yet.",
        labelNames: ["consumer"],
      },
      {
        name: "ops_consumer_pending",
        help: "Deliveries waiting for a consumer, retries included.",
        labelNames: ["consumer"],
      },
      {
        name: "ops_consumer_dead_letters",
        help: "Deliveries a consumer gave up on, until redriven.",
        labelNames: ["consumer"],
      },
    ],
    async collect(db, now) {
      const lag = await readConsumerLag(db, now);
      return [
        lag.map((row) => [{ consumer: row.consumer }, row.lagSeconds]),
        lag.map((row) => [{ consumer: row.consumer }, row.pending]),
        lag.map((row) => [{ consumer: row.consumer }, row.dead]),
      ];
    },
  },
  {
    family: "tickets",
    gauges: [
      {
        name: "ops_tickets_open",
        help: "Tickets not resolved or closed, by priority.",
        labelNames: ["priority"],
      },
    ],
    async collect(db) {
      const rows = await openTicketsByPriority(db);
      return [rows.map((row) => [{ priority: row.priority }, row.count])];
    },
  },
  {
    family: "sla",
    gauges: [
      {
        name: "ops_sla_resolved_24h",
        help: "Tickets resolved in the last 24 hours, by priority (and all).",
        labelNames: ["priority"],
      },
      {
        name: "ops_sla_compliance_ratio",
        help: "Share of the tickets resolved in the last 24 hours that breached neither first response nor resolution.",
        labelNames: ["priority"],
      },
    ],
    async collect(db, now) {
      const rows = await slaOutcomesSince(db, since(now));
      const all = rows.reduce(
        (sum, row) => ({ resolved: sum.resolved + row.resolved, met: sum.met + row.met }),
        {
          resolved: 0,
          met: 0,
        },
      );
      const withAll = [...rows, { priority: "all", ...all }];
      return [
        withAll.map((row) => [{ priority: row.priority }, row.resolved]),
        // No resolved ticket, no ratio: a 0 would read as "all breached".
        withAll
          .filter((row) => row.resolved > 0)
          .map((row) => [{ priority: row.priority }, row.met / row.resolved]),
      ];
    },
  },
  {
    family: "risk",
    gauges: [
      {
        name: "ops_risk_cases_closed_24h",
        help: "Risk cases closed in the last 24 hours, by level.",
        labelNames: ["level"],
      },
      {
        name: "ops_risk_case_handling_seconds",
        help: "Mean time from opening to closing of the risk cases closed in the last 24 hours, by level.",
        labelNames: ["level"],
      },
      {
        name: "ops_risk_case_acknowledge_seconds",
        help: "Mean time from opening to acknowledgement of the risk cases closed in the last 24 hours, by level.",
        labelNames: ["level"],
      },
    ],
    async collect(db, now) {
      const rows = await riskHandlingSince(db, since(now));
      return [
        rows.map((row) => [{ level: row.level }, row.closed]),
        rows.map((row) => [{ level: row.level }, row.meanHandlingSeconds]),
        rows.flatMap((row): Sample[] =>
          row.meanAckSeconds === null ? [] : [[{ level: row.level }, row.meanAckSeconds]],
        ),
      ];
    },
  },
  {
    family: "alerts",
    gauges: [
      {
        name: "ops_alerts_resolved_24h",
        help: "City alerts resolved in the last 24 hours, by city.",
        labelNames: ["city"],
      },
      {
        name: "ops_alert_resolution_seconds",
        help: "Mean time from firing to resolution of the city alerts resolved in the last 24 hours, by city.",
        labelNames: ["city"],
      },
    ],
    async collect(db, now) {
      const rows = await alertResolutionSince(db, since(now));
      return [
        rows.map((row) => [{ city: row.city }, row.resolved]),
        rows.map((row) => [{ city: row.city }, row.meanResolutionSeconds]),
      ];
    },
  },
  {
    family: "workflows",
    gauges: [
      {
        name: "ops_workflow_steps_open",
        help: "Workflow steps waiting on someone (blocked, active or holding), by state.",
        labelNames: ["state"],
      },
      {
        name: "ops_workflow_steps_overdue",
        help: "Open workflow steps past their due time, by state.",
        labelNames: ["state"],
      },
    ],
    async collect(db, now) {
      const rows = await workflowBacklog(db, now);
      const states = ["blocked", "active", "holding"].map(
        (state) => rows.find((row) => row.state === state) ?? { state, open: 0, overdue: 0 },
      );
      return [
        states.map((row) => [{ state: row.state }, row.open]),
        states.map((row) => [{ state: row.state }, row.overdue]),
      ];
    },
  },
  {
    family: "indicators",
    gauges: [
      {
        name: "ops_indicator_staleness_seconds",
        help: "Seconds since a city's newest indicator was written, by city (cities that never had one are left out).",
        labelNames: ["city"],
      },
    ],
    async collect(db, now) {
      const rows = await indicatorFreshness(db);
      return [
        rows.map((row) => [
          { city: row.city },
          Math.max(0, (now.getTime() - row.lastUpdatedAt.getTime()) / 1_000),
        ]),
      ];
    },
  },
];

const FAILED: GaugeSpec = {
  name: "ops_metrics_collect_failed",
  help: "1 when a family of business gauges could not be read at this scrape (its query failed), by family.",
  labelNames: ["family"],
};

/** The names of every scrape-time gauge, known without a database (the dashboards test checks against them). */
export const SCRAPE_GAUGE_NAMES: readonly string[] = [
  ...COLLECTORS.flatMap((collector) => collector.gauges.map((gauge) => gauge.name)),
  FAILED.name,
];

const gaugeOn = (registry: Registry, spec: GaugeSpec) =>
  new Gauge({ name: spec.name, help: spec.help, labelNames: spec.labelNames, registers: [registry] });

/** Reads every family (side by side) and sets its gauges on `registry`. */
export async function addScrapeGauges(
  registry: Registry,
  db: Db,
  log: Logger,
  now = new Date(),
): Promise<void> {
  const failed = gaugeOn(registry, FAILED);
  const results = await Promise.allSettled(COLLECTORS.map((collector) => collector.collect(db, now)));
  COLLECTORS.forEach((collector, index) => {
    const result = results[index]!;
    const gauges = collector.gauges.map((spec) => gaugeOn(registry, spec));
    failed.set({ family: collector.family }, result.status === "rejected" ? 1 : 0);
    if (result.status === "rejected") {
      log.warn({ family: collector.family, err: result.reason }, "business gauges could not be read");
      return;
    }
    result.value.forEach((samples, n) => samples.forEach(([labels, value]) => gauges[n]!.set(labels, value)));
  });
}
