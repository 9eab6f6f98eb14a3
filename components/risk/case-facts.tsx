"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import type { CaseDetail } from "./types";

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1.5">
      <dt className="text-fg-muted">{term}</dt>
      <dd className="text-right">{children}</dd>
    </div>
  );
}

export function CaseFacts({ riskCase }: { riskCase: CaseDetail }) {
  const t = useTranslations("risk.case.facts");
  const tCase = useTranslations("risk.case");
  const tCommon = useTranslations("risk.common");
  const tResolutions = useTranslations("risk.resolutions");
  const format = useFormatter();
  const locale = useLocale();
  const time = (at: Date | null) => (at ? format.dateTime(at, "medium") : tCommon("none"));

  return (
    <Card className="p-4">
      <h2 className="text-sm font-semibold">{t("title")}</h2>
      <dl className="mt-2 divide-y divide-border text-sm">
        <Fact term={t("queue")}>
          <span className="font-mono text-xs">{riskCase.queue}</span>
        </Fact>
        <Fact term={t("owner")}>{riskCase.owner?.name ?? tCommon("unassigned")}</Fact>
        <Fact term={t("city")}>
          {riskCase.city ? (locale === "ja" ? riskCase.city.nameJa : riskCase.city.name) : tCommon("none")}
        </Fact>
        <Fact term={t("opened")}>{time(riskCase.openedAt)}</Fact>
        <Fact term={t("ackDue")}>{time(riskCase.ackDueAt)}</Fact>
        <Fact term={t("acknowledged")}>
          {riskCase.acknowledgedAt ? (
            time(riskCase.acknowledgedAt)
          ) : (
            <span className="text-warning">{tCase("notAcknowledged")}</span>
          )}
        </Fact>
        {riskCase.escalatedAt ? (
          <Fact term={t("escalated")}>
            <span className="text-danger">{time(riskCase.escalatedAt)}</span>
          </Fact>
        ) : null}
        {riskCase.closedAt ? <Fact term={t("closed")}>{time(riskCase.closedAt)}</Fact> : null}
        {riskCase.resolution ? <Fact term={t("resolution")}>{tResolutions(riskCase.resolution)}</Fact> : null}
        <Fact term={t("ruleSet")}>{t("ruleSetVersion", { version: riskCase.ruleSetVersion })}</Fact>
      </dl>
      {riskCase.resolutionNote ? (
        <p className="mt-2 rounded-md bg-surface-muted p-2 text-sm">{riskCase.resolutionNote}</p>
      ) : null}
    </Card>
  );
}
