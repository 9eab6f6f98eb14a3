import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { consumerLatency } from "../../backbone/metrics.ts";
import type { Db } from "../../db/client.ts";
import { edgeMetrics } from "../../hub/edge/edge-metrics.ts";
import { inboxMetrics, registerInboxDepthGauge } from "../../hub/processing/metrics.ts";
import { metrics } from "../metrics.ts";
import { SCRAPE_GAUGE_NAMES } from "../scrape-gauges.ts";

// The Grafana dashboard and the Prometheus rules in this folder name only metrics /api/metrics serves: renaming
// a metric without them fails here.

const here = import.meta.dirname;
const rules = parse(readFileSync(path.join(here, "alert-rules.yaml"), "utf8")) as {
  groups: {
    name: string;
    rules: { alert: string; expr: string; for?: string; labels: Record<string, string> }[];
  }[];
};
interface Panel {
  title: string;
  type: string;
  targets?: { expr: string }[];
  panels?: Panel[];
}
const dashboard = JSON.parse(readFileSync(path.join(here, "ops-console.dashboard.json"), "utf8")) as {
  uid: string;
  panels: Panel[];
};

/** Every series name /api/metrics can render: the process registry's families (histograms as their series). */
function servedSeries(): Set<string> {
  // The modules that put families on the process registry, created as the app creates them.
  edgeMetrics();
  inboxMetrics();
  consumerLatency();
  registerInboxDepthGauge({} as Db);
  const families = metrics().registry.getMetricsAsArray();
  const names = families.flatMap((family) =>
    family.type.toString() === "histogram"
      ? [`${family.name}_bucket`, `${family.name}_sum`, `${family.name}_count`]
      : [family.name],
  );
  return new Set([...names, ...SCRAPE_GAUGE_NAMES]);
}

const SERVED = servedSeries();

/** The console's metric names in a PromQL expression (process_ and nodejs_ ones too), not served ones first. */
function metricNamesIn(expr: string): string[] {
  return [...new Set(expr.match(/\b(?:ops|process|nodejs)_[a-z0-9_]+\b/g) ?? [])];
}

const unknownIn = (expr: string) => metricNamesIn(expr).filter((name) => !SERVED.has(name));

const panelsOf = (panels: Panel[]): Panel[] =>
  panels.flatMap((panel) => [panel, ...panelsOf(panel.panels ?? [])]);

describe("monitoring files", () => {
  it("tells an unknown metric from a served one, histogram series included", () => {
    expect(unknownIn("rate(ops_inbound_processing_seconds_bucket[5m])")).toEqual([]);
    expect(unknownIn('max(ops_sla_compliance_ratio{priority="all"})')).toEqual([]);
    expect(unknownIn("max(ops_sla_compliance_rate) + ops_tickets_open_total")).toEqual([
      "ops_sla_compliance_rate",
      "ops_tickets_open_total",
    ]);
  });

  it("alert rules: each names a served metric, a severity and a summary, with unique names", () => {
    const all = rules.groups.flatMap((group) => group.rules);
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const rule of all) {
      expect(metricNamesIn(rule.expr), rule.alert).not.toEqual([]);
      expect(unknownIn(rule.expr), rule.alert).toEqual([]);
      expect(["info", "warning", "critical"]).toContain(rule.labels.severity);
      expect(rule).toHaveProperty("annotations.summary");
    }
    expect(new Set(all.map((rule) => rule.alert)).size).toBe(all.length);
    // The monitors the issue asks for: event processing latency, workflow backlog, indicator updates stopping.
    const watched = all.flatMap((rule) => metricNamesIn(rule.expr));
    expect(watched).toEqual(
      expect.arrayContaining([
        "ops_inbound_processing_seconds_bucket",
        "ops_consumer_lag_seconds",
        "ops_workflow_steps_open",
        "ops_indicator_staleness_seconds",
      ]),
    );
  });

  it("dashboard: every query names served metrics, and every business gauge has a panel", () => {
    const queries = panelsOf(dashboard.panels).flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })),
    );
    expect(queries.length).toBeGreaterThanOrEqual(15);
    for (const { panel, expr } of queries) {
      expect(metricNamesIn(expr), panel).not.toEqual([]);
      expect(unknownIn(expr), panel).toEqual([]);
    }
    const shown = new Set(queries.flatMap(({ expr }) => metricNamesIn(expr)));
    const business = SCRAPE_GAUGE_NAMES.filter(
      (name) => !/^ops_(tickets|risk_cases_open|alerts_active|domain_events)/.test(name),
    );
    expect(business.filter((name) => !shown.has(name))).toEqual([]);
  });
});
