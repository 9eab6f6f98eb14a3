"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { RuleSetVersion } from "../types";

const STATUS_TONES: Record<RuleSetVersion["status"], BadgeTone> = {
  draft: "accent",
  published: "success",
  retired: "neutral",
};

interface VersionsProps {
  versions: readonly RuleSetVersion[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function RuleSetVersions({ versions, selectedId, onSelect }: VersionsProps) {
  const t = useTranslations("risk.rules");
  const format = useFormatter();
  const time = (at: Date | null) => (at ? format.dateTime(at, "medium") : "—");

  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="rule-set-versions">
        <caption className="sr-only">{t("versionsCaption")}</caption>
        <thead className="border-b border-border bg-surface-muted text-xs text-fg-muted">
          <tr>
            {(["version", "status", "created", "published", "rules", "notes"] as const).map((column) => (
              <th key={column} scope="col" className="px-3 py-2 font-medium">
                {t(`columns.${column}`)}
              </th>
            ))}
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">{t("edit")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {versions.map((v) => (
            <tr key={v.id} className={cn(v.id === selectedId && "bg-accent/5")} data-status={v.status}>
              <td className="px-3 py-2 font-medium tabular-nums">{v.version}</td>
              <td className="px-3 py-2">
                <Badge tone={STATUS_TONES[v.status]}>{t(`statuses.${v.status}`)}</Badge>
              </td>
              <td className="px-3 py-2 text-xs whitespace-nowrap">{time(v.createdAt)}</td>
              <td className="px-3 py-2 text-xs whitespace-nowrap">{time(v.publishedAt)}</td>
              <td className="px-3 py-2 text-xs whitespace-nowrap">
                {t("ruleCount", { count: v.rules.length })}
              </td>
              <td className="max-w-72 truncate px-3 py-2 text-xs text-fg-muted" title={v.notes}>
                {v.notes}
              </td>
              <td className="px-3 py-2 text-right">
                {v.status === "draft" ? (
                  <Button
                    size="sm"
                    aria-pressed={v.id === selectedId}
                    onClick={() => onSelect(v.id)}
                    data-testid="rule-set-edit"
                  >
                    {t("edit")}
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
