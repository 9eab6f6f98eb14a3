"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { BacktestResult, RuleSetVersion } from "../types";

interface DraftActionsProps {
  draft: RuleSetVersion;
  published: RuleSetVersion | undefined;
  onBacktest: (result: BacktestResult) => void;
  /** The draft stops being one, and this panel goes with it: the caller announces the outcome. */
  onPublished: (version: number) => void;
}

/** Backtest and publish a draft; publishing asks once more, since it changes scoring for every new signal. */
export function DraftActions({ draft, published, onBacktest, onPublished }: DraftActionsProps) {
  const t = useTranslations("risk.rules");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const onError = (error: unknown) => setMessage(errorText(error));
  const backtest = useMutation(trpc.risk.rules.backtest.mutationOptions({ onSuccess: onBacktest, onError }));
  const publish = useMutation(
    trpc.risk.rules.publish.mutationOptions({
      onSuccess: (version) => {
        onPublished(version.version);
        void queryClient.invalidateQueries({ queryKey: trpc.risk.rules.list.queryKey() });
      },
      onError,
    }),
  );

  return (
    <Card className="flex flex-wrap items-center gap-3 p-4">
      <Button
        size="sm"
        disabled={backtest.isPending}
        data-testid="rule-set-backtest"
        onClick={() => {
          setMessage(null);
          backtest.mutate({ id: draft.id });
        }}
      >
        {backtest.isPending ? t("backtest.running") : t("backtest.run")}
      </Button>
      {confirming ? (
        <span
          className="flex flex-wrap items-center gap-2 text-sm"
          role="group"
          aria-label={t("publish.button")}
        >
          <span>{t("publish.confirm", { version: draft.version, current: published?.version ?? "—" })}</span>
          <Button
            size="sm"
            variant="primary"
            disabled={publish.isPending}
            data-testid="rule-set-publish-confirm"
            onClick={() => publish.mutate({ id: draft.id })}
          >
            {publish.isPending ? t("publish.publishing") : t("publish.confirmButton")}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
            {t("publish.cancel")}
          </Button>
        </span>
      ) : (
        <Button
          size="sm"
          variant="primary"
          data-testid="rule-set-publish"
          onClick={() => setConfirming(true)}
        >
          {t("publish.button")}
        </Button>
      )}
      {message ? (
        <p role="status" className="text-xs text-fg-muted">
          {message}
        </p>
      ) : null}
    </Card>
  );
}
