"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { Button } from "@/components/ui/button";
import { WorkflowCard } from "./workflow-card";
import { useLiveRefetch } from "@/components/lib/use-live-refetch";

type BoundType = "ticket" | "risk_case" | "alert" | "incident";

/** The inline panel of a ticket, risk case, alert or incident: its workflows, who must act, and what can be started. */
export function WorkflowPanel({
  boundType,
  boundId,
  boundOwnerId,
}: {
  boundType: BoundType;
  boundId: string;
  /** The object's owner (a ticket's assignee), for steps assigned to it. */
  boundOwnerId?: string | null;
}) {
  const t = useTranslations("workflows");
  const ja = useLocale() === "ja";
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useMutationErrorText();
  useLiveRefetch("workflow", (trpc) => trpc.workflows.pathKey());
  const query = useQuery(trpc.workflows.forBound.queryOptions({ type: boundType, id: boundId }));
  const me = useQuery(trpc.session.me.queryOptions());
  const start = useMutation(
    trpc.workflows.start.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.workflows.pathKey() }),
    }),
  );

  if (!query.data || !me.data) return null;
  const userId = me.data.id;
  const { workflows, startable } = query.data;
  return (
    <section aria-labelledby="wf-panel-title" data-testid="wf-panel" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="wf-panel-title" className="text-sm font-semibold">
          {t("panel.title")}
        </h2>
        {startable.map((template) => (
          <Button
            key={template.key}
            size="sm"
            data-testid="wf-start"
            data-template={template.key}
            disabled={start.isPending}
            onClick={() =>
              start.mutate({
                templateKey: template.key,
                bound: { type: boundType, id: boundId },
                ...(boundOwnerId ? { boundOwnerId } : {}),
              })
            }
          >
            {t("actions.start", { name: ja ? template.nameJa : template.name })}
          </Button>
        ))}
      </div>
      {start.error && (
        <p role="alert" className="text-sm text-danger">
          {errorText(start.error)}
        </p>
      )}
      {workflows.length === 0 ? (
        <p className="text-sm text-fg-muted">{t("panel.empty")}</p>
      ) : (
        workflows.map((card) => <WorkflowCard key={card.workflow.id} card={card} userId={userId} />)
      )}
    </section>
  );
}
