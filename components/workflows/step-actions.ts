import type { WorkflowCard } from "@/server/workflows/read-contract";
import type { DialogAction } from "./decision-dialog";

// Which decisions the console offers a person on a step: the runtime and the compliance policy have the last word
// (an initiator is offered Approve on their own request's approval and sees the refusal's reason).

type Step = WorkflowCard["workflow"]["steps"][number];

export function stepActions(step: Step, userId: string, initiatorId: string | null = null): DialogAction[] {
  if (step.state !== "active") return [];
  // The initiator is out of their own approval's pool: offered Approve anyway, the refusal says why.
  if (step.kind === "approval" && userId === initiatorId && !step.ownerIds.includes(userId))
    return ["approve"];
  const owner = step.ownerIds.includes(userId);
  const delegate = step.delegations.some((d) => d.to === userId);
  if (!owner && !delegate) return [];
  if (step.kind === "task") return ["complete", "delegate", "reassign"];
  if (step.kind !== "approval") return [];
  if (step.approvals.some((a) => a.by === userId || a.for === userId)) return [];
  return ["approve", "reject", "request_changes", "delegate"];
}

export function instanceActions(workflow: WorkflowCard["workflow"], userId: string): DialogAction[] {
  if (workflow.initiatorId !== userId) return [];
  if (workflow.state === "changes_requested") return ["resubmit"];
  if (workflow.state === "pending" || workflow.state === "in_progress") return ["recall"];
  return [];
}
