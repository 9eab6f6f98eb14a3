import { describe, expect, it } from "vitest";
import { history } from "./test-histories.ts";
import { foldWorkflowSteps } from "./workflow-history.ts";
import { workflowItems, workflowRows } from "./workflow-reports.ts";

const utc = (iso: string) => new Date(`${iso}Z`);
const step = (stepKey: string, stepKind: string, round = 1, extra: Record<string, unknown> = {}) => ({
  templateKey: "refund",
  stepKey,
  stepKind,
  round,
  ...extra,
});
const round = (n: number) => ({ templateKey: "refund", round: n });

describe("workflow step cycles", () => {
  it("times a task and an approval from activation; a delegation moves no clock", () => {
    const cycles = foldWorkflowSteps(
      "w-1",
      history(
        ["WorkflowStepAssigned", utc("2026-03-02T09:00"), step("check", "task", 1, { reason: "activated" })],
        ["WorkflowStepAssigned", utc("2026-03-02T09:30"), step("check", "task", 1, { reason: "delegated" })],
        ["TaskStepCompleted", utc("2026-03-02T10:15"), step("check", "task")],
        ["WorkflowStepAssigned", utc("2026-03-02T10:15"), step("lead", "approval")],
        ["TaskStepCompleted", utc("2026-03-02T12:15"), step("lead", "approval")],
      ),
    );
    const { total } = workflowRows(cycles, "template");
    // Cycle times 75 and 120 minutes: mean 97.5; the approval's answer came after 120.
    expect(total.figures.stepCycleTime).toMatchObject({ count: 2, excluded: 0, p50: 97.5, mean: 97.5 });
    expect(total.figures.approvalLeadTime).toMatchObject({ count: 1, excluded: 0, p50: 120 });
  });

  it("counts a sent-back approval as answered, and measures the resubmitted round's steps as new cycles", () => {
    const cycles = foldWorkflowSteps(
      "w-2",
      history(
        ["WorkflowStepAssigned", utc("2026-03-02T09:00"), step("lead", "approval", 1)],
        ["WorkflowChangesRequested", utc("2026-03-02T09:40"), round(1)],
        ["WorkflowResubmitted", utc("2026-03-03T08:00"), round(2)],
        ["WorkflowStepAssigned", utc("2026-03-03T08:00"), step("lead", "approval", 2)],
        ["TaskStepCompleted", utc("2026-03-03T08:20"), step("lead", "approval", 2)],
      ),
    );
    expect(cycles.map((c) => [c.round, c.outcome])).toEqual([
      [1, "changes_requested"],
      [2, "approved"],
    ]);
    const { rows, total } = workflowRows(cycles, "step");
    expect(rows.map((row) => row.key)).toEqual(["refund/lead"]);
    // Answers after 40 and 20 minutes; only the approved round finished the step.
    expect(total.figures.approvalLeadTime).toMatchObject({ count: 2, p50: 30, mean: 30 });
    expect(total.figures.stepCycleTime).toMatchObject({ count: 1, excluded: 1, p50: 20 });
  });

  it("rejection answers the open approval and cancels the open task; running and cancelled steps are excluded", () => {
    const cycles = foldWorkflowSteps(
      "w-3",
      history(
        ["WorkflowStepAssigned", utc("2026-03-02T09:00"), step("collect", "task")],
        ["WorkflowStepAssigned", utc("2026-03-02T09:00"), step("finance", "approval")],
        ["WorkflowRejected", utc("2026-03-02T11:00"), round(1)],
      ),
    );
    expect(cycles.map((c) => c.outcome)).toEqual(["cancelled", "rejected"]);
    const running = foldWorkflowSteps(
      "w-4",
      history(["WorkflowStepAssigned", utc("2026-03-02T09:00"), step("finance", "approval")]),
    );
    const { total } = workflowRows([...cycles, ...running], "day");
    expect(total.figures.approvalLeadTime).toMatchObject({ count: 1, excluded: 1, p50: 120 });
    expect(total.figures.stepCycleTime).toMatchObject({ count: 0, excluded: 3, p50: null });

    const query = { name: "workflow-steps", filter: "excluded", limit: 100 } as const;
    const excluded = workflowItems([...cycles, ...running], { ...query, metric: "approvalLeadTime" }, "day");
    expect(excluded.map((item) => [item.id, item.status, item.href])).toEqual([
      ["w-4:1:finance", "open", "/workflows/w-4"],
    ]);
  });
});
