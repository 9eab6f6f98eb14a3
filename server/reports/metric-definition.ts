import type { EventType } from "../events/types.ts";

// How a metric is defined, declared as data: which events start and stop its clock, where it pauses, which
// calendar it counts on, which date puts an item in a period (cohort), what a reopen does, and which statistics
// it reports. The report queries and the screens read these declarations; the folds (ticket-history.ts,
// risk-history.ts, alert-history.ts) implement them and their tests check them on crafted histories.

export type ReportName =
  | "ticket-sla"
  | "ticket-backlog"
  | "risk-handling"
  | "alert-response"
  | "city-performance"
  | "workflow-steps";

type StatisticName = "count" | "pctMet" | "p50" | "p90" | "mean" | "total";

export interface MetricDefinition {
  key: string;
  report: ReportName;
  label: { en: string; ja: string };
  unit: "minutes" | "hours" | "percent" | "items" | "ratio";
  start: readonly EventType[] | "indicator_rollup";
  stop: readonly EventType[] | "indicator_rollup";
  /** Ticket statuses (or states) during which the clock stands still. */
  pauseStates: readonly string[];
  /** "by_priority": P1/P2 on the 24/7 clock, P3/P4 in the team's business hours. */
  calendar: "business" | "24/7" | "by_priority";
  /** The date that puts an item in a report period. */
  cohort: string;
  /**
   * pause_between_cycles: each reopen starts another cycle and the time spent resolved is left out;
   * cycle_per_round: a resubmitted workflow's steps are measured again as new cycles; none: no reopen.
   */
  reopen: "pause_between_cycles" | "cycle_per_round" | "none";
  /** What % met compares against; null when the metric has no target. */
  target: string | null;
  statistics: readonly StatisticName[];
}
