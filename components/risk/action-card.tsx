"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { mitigationTitle } from "@/server/risk/playbook";
import { ActionStatusBadge } from "./badges";
import type { CaseAction } from "./types";
import { useCaseRefresh } from "./use-case-refresh";

/** One action on the board, with the moves its status allows. */
export function ActionCard({ action, canWrite }: { action: CaseAction; canWrite: boolean }) {
  const t = useTranslations("risk.board");
  const errorText = useMutationErrorText();
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const refresh = useCaseRefresh(action.caseId);
  const resultId = useId();
  const [completing, setCompleting] = useState(false);
  const [result, setResult] = useState("");
  const [error, setError] = useState<string | null>(null);
  const callbacks = {
    onSuccess: () => refresh(),
    onError: (e: unknown) => setError(errorText(e)),
  };
  const start = useMutation(trpc.risk.startAction.mutationOptions(callbacks));
  const complete = useMutation(trpc.risk.completeAction.mutationOptions(callbacks));
  const cancel = useMutation(trpc.risk.cancelAction.mutationOptions(callbacks));
  const busy = start.isPending || complete.isPending || cancel.isPending;
  const ids = { caseId: action.caseId, actionId: action.id };
  const title = mitigationTitle(action.kind, locale === "ja" ? "ja" : "en");
  const open = action.status === "todo" || action.status === "in_progress";

  return (
    <li
      className="rounded-md border border-border bg-surface p-2.5 shadow-xs"
      data-testid="risk-action"
      data-kind={action.kind}
      data-status={action.status}
    >
      <div className="flex items-start justify-between gap-2">
        <p className="text-sm font-medium">{title}</p>
        <ActionStatusBadge status={action.status} />
      </div>
      <div className="mt-1 space-y-0.5 text-xs text-fg-muted">
        {action.owner ? <p>{t("owner", { name: action.owner.name })}</p> : null}
        {action.dueAt && open ? (
          <p>
            {t("due", {
              time: format.dateTime(action.dueAt, "medium"),
            })}
          </p>
        ) : null}
        {action.note ? <p className="text-fg">{action.note}</p> : null}
        {action.result ? <p className="text-fg">{action.result}</p> : null}
      </div>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-danger">
          {error}
        </p>
      ) : null}
      {canWrite && open ? (
        completing ? (
          <form
            className="mt-2 space-y-1.5"
            onSubmit={(e) => {
              e.preventDefault();
              setError(null);
              complete.mutate({ ...ids, result: result.trim() === "" ? undefined : result.trim() });
            }}
          >
            <label htmlFor={resultId} className="sr-only">
              {t("resultLabel", { action: title })}
            </label>
            <Input
              id={resultId}
              className="h-8"
              placeholder={t("resultPlaceholder")}
              value={result}
              onChange={(e) => setResult(e.target.value)}
              autoFocus
            />
            <div className="flex gap-1.5">
              <Button
                type="submit"
                size="sm"
                variant="primary"
                disabled={busy}
                data-testid="risk-action-confirm-complete"
              >
                {t("confirmComplete")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setCompleting(false)}>
                {t("cancel")}
              </Button>
            </div>
          </form>
        ) : (
          <div className="mt-2 flex gap-1.5">
            {action.status === "todo" ? (
              <Button
                size="sm"
                variant="primary"
                disabled={busy}
                data-testid="risk-action-start"
                onClick={() => start.mutate(ids)}
              >
                {t("start")}
              </Button>
            ) : (
              <Button
                size="sm"
                variant="primary"
                disabled={busy}
                data-testid="risk-action-complete"
                onClick={() => setCompleting(true)}
              >
                {t("complete")}
              </Button>
            )}
            <Button size="sm" variant="ghost" disabled={busy} onClick={() => cancel.mutate(ids)}>
              {t("cancel")}
            </Button>
          </div>
        )
      ) : null}
    </li>
  );
}
