"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { AlertItem, PlanRunData } from "./types";
import type { AlertMutations } from "./use-alert-mutations";

interface PlanChecklistProps {
  alert: AlertItem;
  run: PlanRunData | null;
  mutations: AlertMutations;
  canManage: boolean;
}

type Step = PlanRunData["steps"][number];

/**
 * The alert's response plan: a workflow instance its alert started. Tasks are ticked in order through the
 * workflow engine; the last step waits until the city has stayed recovered, and only then is the plan complete.
 */
export function PlanChecklist({ alert, run, mutations, canManage }: PlanChecklistProps) {
  const t = useTranslations("cities.plan");
  const format = useFormatter();
  const locale = useLocale() === "ja" ? "ja" : "en";
  const time = (date: Date) => format.dateTime(date, "time");

  if (!alert.hasResponsePlan) return null;
  if (run === null) {
    if (alert.state === "resolved") return null;
    return (
      <p className="text-xs text-fg-muted" data-testid="plan-waiting">
        {t("waiting")}
      </p>
    );
  }

  const tasks = run.steps.filter((step) => step.kind === "task");
  const done = tasks.filter((step) => step.state === "done").length;
  const open = run.state === "pending" || run.state === "in_progress";
  const summary =
    run.state === "completed" && run.completedAt
      ? t("completed", { time: time(run.completedAt) })
      : open
        ? t("progress", { done, total: tasks.length })
        : t("ended", { reason: run.endedReason ?? run.state });
  return (
    <fieldset
      className="rounded-md border border-border bg-surface-muted/50 p-2.5"
      data-testid="plan-checklist"
      data-status={run.state}
    >
      <legend className="px-1 text-xs font-semibold">
        {locale === "ja" ? run.templateNameJa : run.templateName}
        <span className="ml-2 font-normal text-fg-muted">{summary}</span>
      </legend>
      <ol className="space-y-1">
        {run.steps.map((step) => {
          const title = run.titles[step.key]?.[locale] ?? step.title;
          if (step.kind !== "task") return <WaitStep key={step.id} step={step} title={title} time={time} />;
          const isDone = step.state === "done";
          const isNext = step.state === "active";
          return (
            <li key={step.id}>
              <label className={cn("flex items-start gap-2 text-sm", !isDone && !isNext && "text-fg-muted")}>
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 accent-accent"
                  checked={isDone}
                  disabled={!canManage || !isNext || mutations.tickStep.isPending}
                  onChange={() =>
                    mutations.tickStep.mutate({
                      runId: run.id,
                      stepKey: step.key,
                      expectedVersion: run.lockVersion,
                    })
                  }
                  data-testid={`plan-step-${step.position}`}
                />
                <span className="min-w-0 flex-1">
                  <span className={cn(isDone && "line-through decoration-fg-muted/60")}>{title}</span>
                  {step.doneAt ? (
                    <span className="ml-2 text-xs text-fg-muted tabular-nums">{time(step.doneAt)}</span>
                  ) : null}
                </span>
              </label>
            </li>
          );
        })}
      </ol>
      {open ? <p className="mt-1.5 text-xs text-fg-muted">{t("inOrder")}</p> : null}
    </fieldset>
  );
}

/** A step no one ticks: the city's recovery (held for its minutes) or a timer. */
function WaitStep({ step, title, time }: { step: Step; title: string; time: (date: Date) => string }) {
  const t = useTranslations("cities.plan");
  const status =
    step.state === "done" && step.doneAt
      ? t("recovered", { time: time(step.doneAt) })
      : step.state === "holding" && step.heldSince
        ? t("holding", { time: time(step.heldSince) })
        : t("waitingRecovery");
  return (
    <li
      className={cn("flex items-start gap-2 text-sm", step.state !== "done" && "text-fg-muted")}
      data-testid={`plan-wait-${step.position}`}
      data-state={step.state}
    >
      <span aria-hidden className="mt-0.5 inline-block size-4 text-center">
        {step.state === "done" ? "✓" : "…"}
      </span>
      <span className="min-w-0 flex-1">
        {title}
        <span className="ml-2 text-xs">{status}</span>
      </span>
    </li>
  );
}
