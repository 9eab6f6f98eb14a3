import type { StoredInstance } from "./instance-repository.ts";
import type { InstanceState, StepRun } from "./runtime-types.ts";

// What the use cases answer: the instance, its pinned version, the current round's steps and who must act.

export interface WorkflowView {
  id: string;
  templateKey: string;
  templateName: string;
  templateNameJa: string;
  versionNumber: number;
  state: InstanceState;
  round: number;
  initiatorId: string;
  boundType: string;
  boundId: string;
  amount: number | null;
  lockVersion: number;
  endedReason: string | null;
  steps: (StepRun & { title: string; titleJa: string })[];
}

export function toView(stored: StoredInstance): WorkflowView {
  const titles = new Map(stored.definition.steps.map((s) => [s.key, s]));
  return {
    id: stored.id,
    templateKey: stored.templateKey,
    templateName: stored.templateName,
    templateNameJa: stored.templateNameJa,
    versionNumber: stored.versionNumber,
    state: stored.run.state,
    round: stored.run.round,
    initiatorId: stored.run.initiatorId,
    boundType: stored.boundType,
    boundId: stored.boundId,
    amount: stored.run.amount,
    lockVersion: stored.lockVersion,
    endedReason: stored.endedReason,
    steps: stored.run.steps.map((step) => ({
      ...step,
      title: titles.get(step.key)?.title ?? step.key,
      titleJa: titles.get(step.key)?.titleJa ?? step.key,
    })),
  };
}
