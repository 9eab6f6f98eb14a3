import { ALERT_METRICS } from "./metrics/alert-metrics.ts";
import { CITY_METRICS } from "./metrics/city-metrics.ts";
import { RISK_METRICS } from "./metrics/risk-metrics.ts";
import { TICKET_METRICS } from "./metrics/ticket-metrics.ts";
import { WORKFLOW_METRICS } from "./metrics/workflow-metrics.ts";
import type { MetricDefinition, ReportName } from "./metric-definition.ts";

// The metric catalogue: every report, the dimensions it groups by, and its metrics' definitions.

export interface ReportDefinition {
  name: ReportName;
  title: { en: string; ja: string };
  /** The first is the default. */
  groupBy: readonly [string, ...string[]];
  /** Who reads it first (the screens put it in that role's area). */
  audience: "support" | "risk" | "city" | "workflow";
  metrics: readonly MetricDefinition[];
}

const metricsOf = (report: ReportName) =>
  [...TICKET_METRICS, ...RISK_METRICS, ...ALERT_METRICS, ...CITY_METRICS, ...WORKFLOW_METRICS].filter(
    (m) => m.report === report,
  );

export const REPORTS: readonly ReportDefinition[] = [
  {
    name: "ticket-sla",
    title: { en: "SLA compliance", ja: "SLA遵守率" },
    groupBy: ["team", "agent", "priority", "category", "city", "day"],
    audience: "support",
    metrics: metricsOf("ticket-sla"),
  },
  {
    name: "ticket-backlog",
    title: { en: "Backlog and aging", ja: "バックログと経過" },
    groupBy: ["team", "agent", "priority", "category", "city"],
    audience: "support",
    metrics: metricsOf("ticket-backlog"),
  },
  {
    name: "risk-handling",
    title: { en: "Risk handling time", ja: "リスク対応時間" },
    groupBy: ["type", "level", "ruleSetVersion", "day"],
    audience: "risk",
    metrics: metricsOf("risk-handling"),
  },
  {
    name: "alert-response",
    title: { en: "Alert MTTA / MTTR", ja: "アラート MTTA / MTTR" },
    groupBy: ["city", "rule", "day"],
    audience: "city",
    metrics: metricsOf("alert-response"),
  },
  {
    name: "city-performance",
    title: { en: "City performance", ja: "都市パフォーマンス" },
    groupBy: ["city", "day"],
    audience: "city",
    metrics: metricsOf("city-performance"),
  },
  {
    name: "workflow-steps",
    title: { en: "Workflow steps and approvals", ja: "ワークフローのステップと承認" },
    groupBy: ["template", "step", "day"],
    audience: "workflow",
    metrics: metricsOf("workflow-steps"),
  },
];

export const REPORT_NAMES = REPORTS.map((report) => report.name) as [ReportName, ...ReportName[]];

export function reportDefinition(name: ReportName): ReportDefinition {
  const found = REPORTS.find((report) => report.name === name);
  if (found === undefined) throw new Error(`No report named ${name}`);
  return found;
}
