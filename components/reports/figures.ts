import type { ReportResult } from "@/server/reports/contract";

// Which number of a statistic the screen leads with, per metric unit, and how it is written.

export type Statistic = ReportResult["total"]["figures"][string];
export type ReportMetric = ReportResult["metrics"][number];

/** % met where the metric has a target, else the mean (or the count for plain counts). */
export function headline(metric: ReportMetric, stat: Statistic | undefined): number | null {
  if (stat === undefined) return null;
  if (stat.pctMet !== null) return stat.pctMet;
  if (metric.unit === "items") return stat.count;
  return stat.mean;
}

/** Items the figure missed: decided but not met. */
export function missed(stat: Statistic): number | null {
  return stat.met === null ? null : stat.count - stat.met;
}
