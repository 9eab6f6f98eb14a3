"use client";

import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { TemplateOverview } from "@/server/workflows/read-contract";
import { MigrationPanel } from "./migration-panel";

const CHANGE_TONE: Record<string, BadgeTone> = {
  added: "success",
  removed: "danger",
  changed: "warning",
  moved: "accent",
  same: "neutral",
};

/**
 * Each template's versions in columns: its steps with the change against the previous version, and its instances;
 * a version with open instances offers to move them to another version.
 */
export function TemplateVersions({ templates }: { templates: TemplateOverview[] }) {
  const t = useTranslations("workflows");
  const format = useFormatter();
  const ja = useLocale() === "ja";
  const [migrating, setMigrating] = useState<{ key: string; number: number } | null>(null);
  if (templates.length === 0) return <p className="text-sm text-fg-muted">{t("admin.empty")}</p>;
  return (
    <div className="space-y-6">
      {templates.map((template) => (
        <section
          key={template.key}
          data-testid="wf-template"
          data-template={template.key}
          className="space-y-2"
        >
          <h2 className="text-sm font-semibold">
            {ja ? template.nameJa : template.name}{" "}
            <span className="font-mono text-xs text-fg-muted">{template.key}</span>{" "}
            <span className="text-xs text-fg-muted">
              {t("admin.versions", { count: template.versions.length })}
            </span>
          </h2>
          <div className="flex gap-3 overflow-x-auto pb-2">
            {template.versions.map((version) => {
              const changes = new Map(version.diff.map((d) => [d.key, d]));
              const removed = version.diff.filter((d) => d.change === "removed");
              return (
                <Card
                  key={version.number}
                  className="w-72 shrink-0 space-y-2 p-3"
                  data-testid="wf-version"
                  data-version={version.number}
                >
                  <p className="text-sm font-medium">
                    v{version.number} · {version.label}
                  </p>
                  <p className="text-xs text-fg-muted">
                    {format.dateTime(new Date(version.publishedAt), { dateStyle: "medium" })} ·{" "}
                    <span className="font-mono">{version.contentHash.slice(0, 10)}</span>
                  </p>
                  <ol className="space-y-1 text-xs">
                    {version.steps.map((step) => {
                      const change = changes.get(step.key);
                      return (
                        <li
                          key={step.key}
                          className="flex items-start gap-1.5"
                          data-change={change?.change ?? "first"}
                        >
                          <span className="flex-1">{ja ? step.titleJa : step.title}</span>
                          {change && change.change !== "same" && (
                            <Badge tone={CHANGE_TONE[change.change]} title={change.fields.join(", ")}>
                              {t(`admin.change.${change.change}`)}
                            </Badge>
                          )}
                        </li>
                      );
                    })}
                    {removed.map((d) => (
                      <li
                        key={d.key}
                        className="flex gap-1.5 text-fg-muted line-through"
                        data-change="removed"
                      >
                        <span className="flex-1">{d.key}</span>
                        <Badge tone="danger">{t("admin.change.removed")}</Badge>
                      </li>
                    ))}
                  </ol>
                  {version.number === 1 && <p className="text-xs text-fg-muted">{t("admin.firstVersion")}</p>}
                  <p className="text-xs font-medium" data-testid="wf-version-open">
                    {t("admin.openInstances", { count: version.openInstances })}
                  </p>
                  {version.openInstances > 0 && template.versions.length > 1 && (
                    <Button
                      size="sm"
                      data-testid="wf-version-migrate"
                      onClick={() => setMigrating({ key: template.key, number: version.number })}
                    >
                      {t("admin.migration.open")}
                    </Button>
                  )}
                  <ul className="space-y-0.5 text-xs">
                    {version.instances.map((instance) => (
                      <li key={instance.id}>
                        <Link href={`/workflows/${instance.id}`} className="hover:underline">
                          {t(`bound.${instance.boundType as "ticket"}`)} {instance.boundId.slice(0, 8)}
                        </Link>{" "}
                        {instance.state && (
                          <span className="text-fg-muted">{t(`state.${instance.state}`)}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                </Card>
              );
            })}
          </div>
          {migrating?.key === template.key && (
            <MigrationPanel
              key={migrating.number}
              template={template}
              from={template.versions.find((v) => v.number === migrating.number)!}
              onClose={() => setMigrating(null)}
            />
          )}
        </section>
      ))}
    </div>
  );
}
