"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { WorkflowCard as Card_ } from "@/server/workflows/read-contract";
import { DecisionDialog, type DialogAction } from "./decision-dialog";
import { instanceActions } from "./step-actions";
import { WaitingText } from "./waiting-text";
import { WorkflowSteps } from "./workflow-steps";

/** One instance in a panel or on its page: template and state, the initiator's actions, then the steps. */
export function WorkflowCard({ card, userId }: { card: Card_; userId: string }) {
  const t = useTranslations("workflows");
  const ja = useLocale() === "ja";
  const [action, setAction] = useState<DialogAction | null>(null);
  const { workflow, people } = card;
  const initiatorWait = card.waiting.find((w) => w.stepKey === "");

  return (
    <Card
      className="space-y-3 p-4"
      data-testid="wf-card"
      data-template={workflow.templateKey}
      data-state={workflow.state}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Link
          href={`/workflows/${workflow.id}`}
          className="font-medium hover:underline"
          data-testid="wf-card-link"
        >
          {ja ? workflow.templateNameJa : workflow.templateName}
        </Link>
        <Badge tone="accent" data-testid="wf-state">
          {t(`state.${workflow.state}`)}
        </Badge>
        <span className="text-xs text-fg-muted">v{workflow.versionNumber}</span>
        {card.mine && <Badge tone="warning">{t("panel.yours")}</Badge>}
        <span className="ml-auto flex gap-2">
          {instanceActions(workflow, userId).map((a) => (
            <Button key={a} size="sm" data-testid={`wf-action-${a}`} onClick={() => setAction(a)}>
              {t(`actions.${a}`)}
            </Button>
          ))}
        </span>
      </div>
      <p className="text-xs text-fg-muted">
        {t("detail.initiator", { name: people[workflow.initiatorId] ?? workflow.initiatorId.slice(0, 8) })}
        {workflow.endedReason && ` · ${t("detail.ended", { reason: workflow.endedReason })}`}
      </p>
      {initiatorWait && (
        <p className="text-sm">
          <WaitingText waiting={initiatorWait.waitingFor} people={people} />
        </p>
      )}
      <WorkflowSteps card={card} userId={userId} />
      {action && (
        <DecisionDialog
          target={{
            action,
            instanceId: workflow.id,
            lockVersion: workflow.lockVersion,
            stepKey: "",
            stepTitle: ja ? workflow.templateNameJa : workflow.templateName,
            checklist: [],
            checked: [],
            people,
            owners: [],
          }}
          onClose={() => setAction(null)}
        />
      )}
    </Card>
  );
}
