"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";
import { Card } from "@/components/ui/card";
import type { WorkflowDetail } from "@/server/workflows/read-contract";
import { useLiveRefetch } from "@/components/lib/use-live-refetch";
import { WorkflowCard } from "./workflow-card";

/** An instance's page: its card (steps, who must act, what blocks), its pinned version, its decisions by round. */
export function WorkflowDetailView({ initial, userId }: { initial: WorkflowDetail; userId: string }) {
  const t = useTranslations("workflows");
  const format = useFormatter();
  const ja = useLocale() === "ja";
  const trpc = useTRPC();
  useLiveRefetch("workflow", (trpc) => trpc.workflows.pathKey());
  const { data = initial } = useQuery({
    ...trpc.workflows.get.queryOptions({ id: initial.workflow.id }),
    initialData: initial,
  });
  const rounds = [...new Set(data.history.map((h) => h.round))];
  const name = (id: string | null) => (id ? (data.people[id] ?? id.slice(0, 8)) : t("detail.system"));
  const stepTitle = (key: string | null) => {
    const step = data.workflow.steps.find((s) => s.key === key);
    return step ? (ja ? step.titleJa : step.title) : (key ?? "");
  };

  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-xl font-semibold" data-testid="wf-title">
          {ja ? data.workflow.templateNameJa : data.workflow.templateName}
        </h1>
        <p className="text-xs text-fg-muted" data-testid="wf-version">
          {t("detail.version", {
            key: data.workflow.templateKey,
            number: data.version.number,
            label: data.version.label,
            time: format.dateTime(new Date(data.version.publishedAt), { dateStyle: "medium" }),
          })}
        </p>
      </header>
      <WorkflowCard card={data} userId={userId} />
      <section aria-labelledby="wf-history" className="space-y-3">
        <h2 id="wf-history" className="text-sm font-semibold">
          {t("detail.history")}
        </h2>
        {rounds.length === 0 && <p className="text-sm text-fg-muted">{t("detail.noHistory")}</p>}
        {rounds.map((round) => (
          <Card key={round} className="p-4" data-testid="wf-round" data-round={round}>
            <h3 className="mb-2 text-xs font-semibold text-fg-muted uppercase">
              {t("detail.round", { round })}
            </h3>
            <ol className="space-y-1 text-sm">
              {data.history
                .filter((h) => h.round === round)
                .map((h, index) => (
                  <li key={index} data-testid="wf-history-entry" data-action={h.action}>
                    <span className="text-xs text-fg-muted tabular-nums">
                      {format.dateTime(new Date(h.decidedAt), { dateStyle: "short", timeStyle: "short" })}
                    </span>{" "}
                    <span className="font-medium">
                      {h.actorType === "api_client" ? t("detail.integration") : name(h.actorId)}
                    </span>{" "}
                    {h.action in ACTION_KEYS ? t(`actions.${h.action as ActionKey}`) : h.action}
                    {h.stepKey && ` · ${stepTitle(h.stepKey)}`}
                    {h.onBehalfOfId && ` (${t("detail.onBehalfOf", { name: name(h.onBehalfOfId) })})`}
                    {h.reason && <span className="text-fg-muted"> — {h.reason}</span>}
                  </li>
                ))}
            </ol>
          </Card>
        ))}
      </section>
    </div>
  );
}

const ACTION_KEYS = {
  approve: 1,
  reject: 1,
  request_changes: 1,
  complete: 1,
  delegate: 1,
  reassign: 1,
  recall: 1,
  resubmit: 1,
  submit: 1,
  skip_level: 1,
  cancel: 1,
  relapse: 1,
  migrate: 1,
} as const;
type ActionKey = keyof typeof ACTION_KEYS;
