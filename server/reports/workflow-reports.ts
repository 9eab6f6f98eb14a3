import type { ItemsQuery, ReportItem, ReportRow } from "./contract.ts";
import { minutesBetween } from "./risk-history.ts";
import { summarize } from "./statistics.ts";
import type { WorkflowStepCycle } from "./workflow-history.ts";
import { groupBy } from "../lib/group-by.ts";

// The workflow steps report, grouped in memory from the folded step cycles of the period (by template, by step of
// a template, or by day of activation), and the cycles behind a figure for the drill-down.

const DAY = (at: Date) => at.toISOString().slice(0, 10);

function workflowGroupKey(cycle: WorkflowStepCycle, dimension: string): string {
  if (dimension === "template") return cycle.templateKey;
  if (dimension === "step") return `${cycle.templateKey}/${cycle.stepKey}`;
  return DAY(cycle.activatedAt);
}

/** When a metric's clock stopped for a cycle; undefined: the cycle is not in that metric's population. */
const STOP: Record<string, (cycle: WorkflowStepCycle) => Date | null | undefined> = {
  stepCycleTime: (cycle) => cycle.doneAt,
  approvalLeadTime: (cycle) => (cycle.stepKind === "approval" ? cycle.decidedAt : undefined),
};

function figures(cycles: readonly WorkflowStepCycle[]) {
  return Object.fromEntries(
    Object.entries(STOP).map(([metric, stop]) => [
      metric,
      summarize(
        cycles.flatMap((cycle) => {
          const at = stop(cycle);
          return at === undefined ? [] : [{ value: minutesBetween(cycle.activatedAt, at), met: null }];
        }),
        false,
      ),
    ]),
  );
}

export function workflowRows(
  cycles: readonly WorkflowStepCycle[],
  dimension: string,
): { rows: ReportRow[]; total: ReportRow } {
  const groups = groupBy(cycles, (cycle) => workflowGroupKey(cycle, dimension));
  const rows = [...groups].map(([key, group]) => ({ key, label: key, figures: figures(group) }));
  return { rows, total: { key: "total", label: "Total", figures: figures(cycles) } };
}

export function workflowItems(
  cycles: readonly WorkflowStepCycle[],
  input: ItemsQuery,
  dimension: string,
): ReportItem[] {
  const stop = STOP[input.metric ?? "stepCycleTime"] ?? STOP.stepCycleTime!;
  return cycles
    .filter((cycle) => input.key === undefined || workflowGroupKey(cycle, dimension) === input.key)
    .filter((cycle) => stop(cycle) !== undefined)
    .filter((cycle) => {
      if (input.filter === "excluded") return stop(cycle) === null;
      if (input.filter === "open") return cycle.outcome === null;
      return true;
    })
    .map((cycle) => ({
      id: `${cycle.instanceId}:${cycle.round}:${cycle.stepKey}`,
      number: null,
      kind: "workflow_step",
      group: workflowGroupKey(cycle, dimension),
      status: cycle.outcome ?? "open",
      at: cycle.activatedAt,
      minutes: minutesBetween(cycle.activatedAt, stop(cycle) ?? null),
      breached: null,
      href: `/workflows/${cycle.instanceId}`,
    }));
}
