import type { MetricDefinition } from "../metric-definition.ts";

// Workflow steps (server/reports/workflow-history.ts folds them): a cycle per step and round, from the step's
// assignment on activation. Delegating or reassigning a step moves no clock; a resubmitted request starts new
// cycles for its steps.

const STEP_CLOCK = {
  report: "workflow-steps",
  unit: "minutes",
  start: ["WorkflowStepAssigned"],
  pauseStates: [],
  calendar: "24/7",
  cohort: "WorkflowStepAssigned.occurredAt (the step's activation)",
  reopen: "cycle_per_round",
  target: null,
  statistics: ["count", "p50", "p90", "mean"],
} as const;

export const WORKFLOW_METRICS: readonly MetricDefinition[] = [
  {
    ...STEP_CLOCK,
    key: "stepCycleTime",
    label: { en: "Step cycle time (task and approval steps)", ja: "ステップのサイクルタイム" },
    stop: ["TaskStepCompleted"],
  },
  {
    ...STEP_CLOCK,
    key: "approvalLeadTime",
    label: { en: "Approval lead time (to the answer)", ja: "承認リードタイム（回答まで）" },
    stop: ["TaskStepCompleted", "WorkflowRejected", "WorkflowChangesRequested"],
  },
];
