import { integer, text, type HistoryEvent } from "./history.ts";

// A workflow instance's steps as its events tell them. Each step of each round is one cycle: it starts when the
// step is assigned on activation (WorkflowStepAssigned; a later delegation or reassignment of the same step moves
// no clock) and ends when the step is done (TaskStepCompleted: a task finished, an approval approved) or when its
// round ends without it: rejected or sent back for changes (an approval's answer all the same), or cancelled.
// A resubmitted request starts a new round, so its steps start new cycles.

type StepOutcome = "done" | "approved" | "rejected" | "changes_requested" | "cancelled";

export interface WorkflowStepCycle {
  instanceId: string;
  templateKey: string;
  stepKey: string;
  stepKind: string;
  round: number;
  activatedAt: Date;
  /** The step done (TaskStepCompleted); null while it runs or when its round ended without it. */
  doneAt: Date | null;
  /** Approvals: when this step's answer was given (approved, rejected, changes requested); tasks: null. */
  decidedAt: Date | null;
  outcome: StepOutcome | null;
}

const ROUND_ENDS: Record<string, StepOutcome> = {
  WorkflowRejected: "rejected",
  WorkflowChangesRequested: "changes_requested",
  WorkflowCancelled: "cancelled",
};

export const WORKFLOW_EVENTS = ["WorkflowStepAssigned", "TaskStepCompleted", ...Object.keys(ROUND_ENDS)];

export function foldWorkflowSteps(instanceId: string, events: readonly HistoryEvent[]): WorkflowStepCycle[] {
  const cycles: WorkflowStepCycle[] = [];
  const open = new Map<string, WorkflowStepCycle>();
  const cycleKey = (round: number, stepKey: string) => `${round}|${stepKey}`;
  for (const event of events) {
    const round = integer(event.payload, "round") ?? 1;
    const stepKey = text(event.payload, "stepKey");
    if (event.type === "WorkflowStepAssigned" && stepKey !== null) {
      const key = cycleKey(round, stepKey);
      if (open.has(key) || cycles.some((c) => c.round === round && c.stepKey === stepKey)) continue;
      const cycle: WorkflowStepCycle = {
        instanceId,
        templateKey: text(event.payload, "templateKey") ?? "unknown",
        stepKey,
        stepKind: text(event.payload, "stepKind") ?? "task",
        round,
        activatedAt: event.occurredAt,
        doneAt: null,
        decidedAt: null,
        outcome: null,
      };
      cycles.push(cycle);
      open.set(key, cycle);
    } else if (event.type === "TaskStepCompleted" && stepKey !== null) {
      const cycle = open.get(cycleKey(round, stepKey));
      if (cycle === undefined) continue;
      cycle.doneAt = event.occurredAt;
      cycle.outcome = cycle.stepKind === "approval" ? "approved" : "done";
      if (cycle.stepKind === "approval") cycle.decidedAt = event.occurredAt;
      open.delete(cycleKey(round, stepKey));
    } else if (ROUND_ENDS[event.type] !== undefined) {
      const outcome = ROUND_ENDS[event.type] as StepOutcome;
      for (const [key, cycle] of open) {
        if (cycle.round !== round) continue;
        const answered = cycle.stepKind === "approval" && outcome !== "cancelled";
        cycle.outcome = answered ? outcome : "cancelled";
        if (answered) cycle.decidedAt = event.occurredAt;
        open.delete(key);
      }
    }
  }
  return cycles;
}
