"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { RuleView } from "@/server/incidents/contract";
import { draftOf, emptyDraft } from "./rule-draft";
import { RuleEditor } from "./rule-editor";
import { RulePreview } from "./rule-preview";

/**
 * The correlation rules, each with its definition and a preview of what it would have opened; those who may
 * manage incidents create rules and save new versions (editing, disabling) in place.
 */
export function CorrelationRules({ canManage }: { canManage: boolean }) {
  const t = useTranslations("incidents");
  const trpc = useTRPC();
  const rules = useQuery(trpc.incidents.rules.list.queryOptions());
  const [editing, setEditing] = useState<RuleView | "new" | null>(null);
  if (!rules.data) return <p className="text-sm text-fg-muted">{t("loading")}</p>;
  const done = () => setEditing(null);
  return (
    <div className="space-y-4">
      {canManage ? (
        editing === "new" ? (
          <RuleEditor initial={emptyDraft()} editing={false} onDone={done} />
        ) : (
          <Button variant="primary" onClick={() => setEditing("new")} data-testid="rule-new">
            {t("rules.new")}
          </Button>
        )
      ) : (
        <p className="text-xs text-fg-muted">{t("rules.readOnly")}</p>
      )}
      {rules.data.length === 0 ? <p className="text-sm text-fg-muted">{t("rules.empty")}</p> : null}
      {rules.data.map((rule) =>
        editing !== null && editing !== "new" && editing.id === rule.id ? (
          <RuleEditor key={`${rule.id}-${rule.version}`} initial={draftOf(rule)} editing onDone={done} />
        ) : (
          <RuleCard
            key={rule.id}
            rule={rule}
            onEdit={canManage && editing === null ? () => setEditing(rule) : undefined}
          />
        ),
      )}
    </div>
  );
}

function RuleCard({ rule, onEdit }: { rule: RuleView; onEdit?: () => void }) {
  const t = useTranslations("incidents");
  const d = rule.definition;
  return (
    <Card className="p-4 max-sm:p-3" data-testid="rule-card" data-rule={rule.name}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="min-w-0 font-semibold break-words">
          {rule.name} <span className="text-xs text-fg-muted">v{rule.version}</span>
        </h3>
        <div className="flex items-center gap-2">
          <span className="text-xs text-fg-muted" data-testid="rule-status">
            {rule.enabled ? t("rules.enabled") : t("rules.disabled")}
          </span>
          {onEdit ? (
            <Button size="sm" variant="secondary" onClick={onEdit} data-testid="rule-edit">
              {t("rules.edit")}
            </Button>
          ) : null}
        </div>
      </div>
      <p className="mt-1 text-sm">
        {t("rules.summary", {
          count: d.minCount,
          reporters: d.minReporters,
          key: t(`key.${d.key}`),
          window: d.windowMinutes,
          max: d.maxWindowMinutes,
          priority: d.priority,
        })}
      </p>
      <p className="mt-1 text-xs break-words text-fg-muted">
        {d.members
          .map((m) =>
            m.kind === "ticket"
              ? `${t("kind.ticket")}: ${m.categories.join(", ") || "*"}`
              : m.kind === "risk_signal"
                ? `${t("kind.risk_case")}: ${m.types.join(", ") || "*"}`
                : `${t("kind.alert")}: ${m.metrics.join(", ") || "*"}`,
          )
          .join(" · ")}
      </p>
      <div className="mt-3">
        <RulePreview definition={d} />
      </div>
    </Card>
  );
}
