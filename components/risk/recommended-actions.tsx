"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { CaseDetail } from "./types";
import { useCaseRefresh } from "./use-case-refresh";

/** The playbook's actions for this type and level that are not in the plan yet; one click plans one. */
export function RecommendedActions({ riskCase }: { riskCase: CaseDetail }) {
  const t = useTranslations("risk.recommended");
  const tLevels = useTranslations("risk.levels");
  const tTypes = useTranslations("risk.types");
  const errorText = useMutationErrorText();
  const locale = useLocale();
  const trpc = useTRPC();
  const refresh = useCaseRefresh(riskCase.id);
  const [error, setError] = useState<string | null>(null);
  const add = useMutation(
    trpc.risk.addAction.mutationOptions({
      onSuccess: () => refresh(),
      onError: (e) => setError(errorText(e)),
    }),
  );
  const planned = new Set(riskCase.actions.filter((a) => a.status !== "cancelled").map((a) => a.kind));
  const open = riskCase.recommendedActions.filter((r) => !planned.has(r.kind));

  return (
    <Card className="p-4" data-testid="risk-recommended">
      <h2 className="text-sm font-semibold">{t("title")}</h2>
      <p className="text-xs text-fg-muted">
        {t("description", { level: tLevels(riskCase.level), type: tTypes(riskCase.type) })}
      </p>
      {error ? (
        <p role="alert" className="mt-2 text-xs text-danger">
          {error}
        </p>
      ) : null}
      {open.length === 0 ? (
        <p className="mt-3 text-sm text-fg-muted">{t("allPlanned")}</p>
      ) : (
        <ul className="mt-3 divide-y divide-border">
          {open.map((recommendation) => {
            const title = locale === "ja" ? recommendation.titleJa : recommendation.title;
            return (
              <li key={recommendation.kind} className="flex items-center justify-between gap-3 py-1.5">
                <span className="text-sm">
                  {title}{" "}
                  <span className="text-xs text-fg-muted">
                    {t("from", { level: tLevels(recommendation.from) })}
                  </span>
                </span>
                <Button
                  size="sm"
                  aria-label={t("addLabel", { action: title })}
                  data-testid="risk-recommended-add"
                  data-kind={recommendation.kind}
                  disabled={add.isPending}
                  onClick={() => {
                    setError(null);
                    add.mutate({ caseId: riskCase.id, action: { kind: recommendation.kind } });
                  }}
                >
                  {t("add")}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
