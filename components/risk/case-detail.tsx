"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Card } from "@/components/ui/card";
import { CaseFacts } from "./case-facts";
import { CaseHeader } from "./case-header";
import { DeliveryLog } from "@/components/notifications/delivery-log";
import { CaseHistoryPanel } from "./case-history";
import { CloseCaseForm } from "./close-case-form";
import { ContributionsChart } from "./contributions-chart";
import { MitigationBoard } from "./mitigation-board";
import { RecommendedActions } from "./recommended-actions";
import { SignalTimeline } from "./signal-timeline";
import { SubjectPanel } from "./subject-panel";
import { TicketLinks } from "./ticket-links";
import type { CaseDetail, CaseHistory } from "./types";
import { useCaseRefresh } from "./use-case-refresh";
import { useLiveRiskEvents } from "./use-live-risk-events";
import { WorkflowPanel } from "@/components/workflows/workflow-panel";

interface CaseDetailViewProps {
  initialCase: CaseDetail;
  initialHistory: CaseHistory;
  canWrite: boolean;
  canRevealPii: boolean;
}

/** One risk case: why it scored, what is being done, the evidence and the trail; live when others change it. */
export function CaseDetailView({ initialCase, initialHistory, canWrite, canRevealPii }: CaseDetailViewProps) {
  const t = useTranslations("risk");
  const trpc = useTRPC();
  const caseId = initialCase.id;
  const detail = useQuery(trpc.risk.get.queryOptions({ caseId }, { initialData: initialCase }));
  const history = useQuery(trpc.risk.history.queryOptions({ caseId }, { initialData: initialHistory }));
  const refresh = useCaseRefresh(caseId);
  useLiveRiskEvents(
    useCallback(
      (caseIds: ReadonlySet<string>) => {
        if (caseIds.has(caseId)) void refresh();
      },
      [caseId, refresh],
    ),
  );
  const riskCase = detail.data;
  const writable = canWrite && riskCase.status !== "closed";

  return (
    <div>
      <CaseHeader riskCase={riskCase} canWrite={canWrite} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <ContributionsChart
            contributions={riskCase.contributions}
            ruleSetVersion={riskCase.ruleSetVersion}
            score={riskCase.score}
          />
          <MitigationBoard actions={riskCase.actions} canWrite={writable} />
          <WorkflowPanel boundType="risk_case" boundId={riskCase.id} />
          {writable ? <RecommendedActions riskCase={riskCase} /> : null}
          <SignalTimeline signals={riskCase.signals} total={riskCase.signalCount} />
          <CaseHistoryPanel entries={history.data.items} />
        </div>
        <aside className="space-y-6" aria-label={t("case.summary")}>
          <SubjectPanel riskCase={riskCase} canRevealPii={canRevealPii} />
          <CaseFacts riskCase={riskCase} />
          <DeliveryLog objectType="risk_case" objectId={riskCase.id} />
          <TicketLinks riskCase={riskCase} canWrite={writable} />
          {writable ? <CloseCaseForm riskCase={riskCase} /> : null}
          {riskCase.resolution ? (
            <Card className="p-4 text-sm" data-testid="risk-closed">
              {t("close.closed", { resolution: t(`resolutions.${riskCase.resolution}`) })}
            </Card>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
