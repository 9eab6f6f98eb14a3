"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useRelativeTime } from "@/components/lib/use-relative-time";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { WorkflowCard } from "@/server/workflows/read-contract";
import { DecisionDialog, type DialogAction, type DialogTarget } from "./decision-dialog";
import { stepActions } from "./step-actions";
import { WaitingText } from "./waiting-text";

const STEP_TONE: Record<string, BadgeTone> = {
  blocked: "neutral",
  active: "accent",
  holding: "warning",
  done: "success",
  rejected: "danger",
  returned: "warning",
  cancelled: "neutral",
};

/** The current round's steps: state, who must act or what blocks, who finished it, and my actions on it. */
export function WorkflowSteps({ card, userId }: { card: WorkflowCard; userId: string }) {
  const t = useTranslations("workflows");
  const format = useFormatter();
  const relative = useRelativeTime();
  const ja = useLocale() === "ja";
  const [target, setTarget] = useState<DialogTarget | null>(null);
  const { workflow, waiting, guides, people } = card;
  const waitingByStep = new Map(waiting.map((w) => [w.stepKey, w.waitingFor]));

  const open = (action: DialogAction, step: WorkflowCard["workflow"]["steps"][number]) => {
    const guide = guides.find((g) => g.key === step.key);
    setTarget({
      action,
      instanceId: workflow.id,
      lockVersion: workflow.lockVersion,
      stepKey: step.key,
      stepTitle: ja ? step.titleJa : step.title,
      checklist: (guide?.checklist ?? []).map((i) => ({ key: i.key, title: ja ? i.titleJa : i.title })),
      checked: step.checked,
      people,
      owners: step.ownerIds,
    });
  };

  return (
    <>
      <ol className="space-y-2">
        {workflow.steps.map((step) => {
          const waitingFor = waitingByStep.get(step.key);
          return (
            <li
              key={step.key}
              data-testid="wf-step"
              data-step={step.key}
              data-state={step.state}
              className="rounded-md border border-border p-3"
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="text-xs text-fg-muted tabular-nums">{step.position}.</span>
                <span className="text-sm font-medium">{ja ? step.titleJa : step.title}</span>
                <Badge>{t(`kind.${step.kind}`)}</Badge>
                <Badge tone={STEP_TONE[step.state]} data-testid="wf-step-state">
                  {t(`stepState.${step.state}`)}
                </Badge>
                {step.dueAt && step.state === "active" && (
                  <span className="text-xs text-fg-muted">
                    {t("myTasks.due", { time: relative(new Date(step.dueAt)) })}
                  </span>
                )}
              </div>
              {waitingFor && (
                <p className="mt-1 text-xs text-fg-muted">
                  <WaitingText waiting={waitingFor} people={people} />
                </p>
              )}
              {step.doneAt && step.doneById && (
                <p className="mt-1 text-xs text-fg-muted">
                  {people[step.doneById] ?? step.doneById.slice(0, 8)} ·{" "}
                  {format.dateTime(new Date(step.doneAt), { dateStyle: "medium", timeStyle: "short" })}
                </p>
              )}
              {stepActions(step, userId, workflow.initiatorId).length > 0 && (
                <div className="mt-2 flex flex-wrap gap-2">
                  {stepActions(step, userId, workflow.initiatorId).map((action) => (
                    <Button
                      key={action}
                      size="sm"
                      variant={action === "approve" || action === "complete" ? "primary" : "secondary"}
                      data-testid={`wf-action-${action}`}
                      onClick={() => open(action, step)}
                    >
                      {t(`actions.${action}`)}
                    </Button>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {target && <DecisionDialog target={target} onClose={() => setTarget(null)} />}
    </>
  );
}
