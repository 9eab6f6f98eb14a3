"use client";

import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { ChevronRightIcon } from "@/components/ui/icons";
import { CaseStatusBadge, LevelBadge } from "./badges";
import type { CaseDetail } from "./types";
import { useCaseRefresh } from "./use-case-refresh";

export function CaseHeader({ riskCase, canWrite }: { riskCase: CaseDetail; canWrite: boolean }) {
  const t = useTranslations("risk.case");
  const tTypes = useTranslations("risk.types");
  const errorText = useMutationErrorText();
  const format = useFormatter();
  const trpc = useTRPC();
  const refresh = useCaseRefresh(riskCase.id);
  const [error, setError] = useState<string | null>(null);
  const acknowledge = useMutation(
    trpc.risk.acknowledge.mutationOptions({
      onSuccess: () => refresh(),
      onError: (e) => setError(errorText(e)),
    }),
  );
  const canAcknowledge = canWrite && riskCase.status !== "closed" && riskCase.acknowledgedAt === null;

  return (
    <>
      <nav aria-label={t("back")} className="mb-3 text-xs">
        <Link href="/risk" className="inline-flex items-center gap-1 text-fg-muted hover:text-fg">
          <ChevronRightIcon className="size-3.5 rotate-180" />
          {t("back")}
        </Link>
      </nav>
      <PageHeader
        title={
          <span className="inline-flex flex-wrap items-center gap-2">
            <span data-testid="risk-case-title">
              #{riskCase.number} {tTypes(riskCase.type)}
            </span>
            <LevelBadge level={riskCase.level} />
            <CaseStatusBadge status={riskCase.status} />
          </span>
        }
        description={t("openedAt", {
          time: format.dateTime(riskCase.openedAt, "medium"),
        })}
        actions={
          canAcknowledge ? (
            <Button
              variant="primary"
              size="sm"
              data-testid="risk-acknowledge"
              disabled={acknowledge.isPending}
              onClick={() => {
                setError(null);
                acknowledge.mutate({ caseId: riskCase.id });
              }}
            >
              {acknowledge.isPending ? t("acknowledging") : t("acknowledge")}
            </Button>
          ) : null
        }
      >
        {error ? (
          <p role="alert" className="mt-2 text-sm text-danger">
            {error}
          </p>
        ) : null}
      </PageHeader>
    </>
  );
}
