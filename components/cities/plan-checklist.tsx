"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { AlertItem, PlanRunData } from "./types";
import type { AlertMutations } from "./use-alert-mutations";

interface PlanChecklistProps {
  alert: AlertItem;
  run: PlanRunData | null;
  mutations: AlertMutations;
  canManage: boolean;
}

/** The alert's response plan: start it, then tick its steps in order. */
export function PlanChecklist({ alert, run, mutations, canManage }: PlanChecklistProps) {
  const t = useTranslations("cities.plan");
  const format = useFormatter();
  const locale = useLocale() === "ja" ? "ja" : "en";
  const time = (date: Date) => format.dateTime(date, "time");

  if (!alert.hasResponsePlan) return null;
  if (run === null) {
    if (!canManage || alert.state === "resolved") return null;
    return (
      <Button
        size="sm"
        variant="secondary"
        disabled={mutations.startPlan.isPending}
        onClick={() => mutations.startPlan.mutate({ alertId: alert.id })}
        data-testid="plan-start"
      >
        {mutations.startPlan.isPending ? t("starting") : t("start")}
      </Button>
    );
  }

  const done = run.steps.filter((step) => step.doneAt !== null).length;
  const next = run.steps.find((step) => step.doneAt === null);
  return (
    <fieldset
      className="rounded-md border border-border bg-surface-muted/50 p-2.5"
      data-testid="plan-checklist"
      data-status={run.status}
    >
      <legend className="px-1 text-xs font-semibold">
        {locale === "ja" ? run.templateNameJa : run.templateName}
        <span className="ml-2 font-normal text-fg-muted">
          {run.status === "completed" && run.completedAt
            ? t("completed", { time: time(run.completedAt) })
            : t("progress", { done, total: run.steps.length })}
        </span>
      </legend>
      <ol className="space-y-1">
        {run.steps.map((step) => {
          const title = run.titles[step.key]?.[locale] ?? step.title;
          const isNext = next?.position === step.position;
          return (
            <li key={step.position}>
              <label
                className={cn(
                  "flex items-start gap-2 text-sm",
                  step.doneAt === null && !isNext && "text-fg-muted",
                )}
              >
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 accent-accent"
                  checked={step.doneAt !== null}
                  disabled={!canManage || !isNext || mutations.tickStep.isPending}
                  onChange={() => mutations.tickStep.mutate({ runId: run.id, position: step.position })}
                  data-testid={`plan-step-${step.position}`}
                />
                <span className="min-w-0 flex-1">
                  <span className={cn(step.doneAt !== null && "line-through decoration-fg-muted/60")}>
                    {title}
                  </span>
                  {step.doneAt ? (
                    <span className="ml-2 text-xs text-fg-muted tabular-nums">{time(step.doneAt)}</span>
                  ) : null}
                </span>
              </label>
            </li>
          );
        })}
      </ol>
      {run.status === "running" ? <p className="mt-1.5 text-xs text-fg-muted">{t("inOrder")}</p> : null}
    </fieldset>
  );
}
