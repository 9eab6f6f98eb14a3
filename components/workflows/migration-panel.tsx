"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { TemplateOverview } from "@/server/workflows/read-contract";
import { mappingTargets, stepMappingOf, stepsToMap } from "./migration-mapping";

type Version = TemplateOverview["versions"][number];

/**
 * Moving one version's open instances to another version: choose the target and where each old step the target
 * lacks goes, see the dry run per instance, then run it (a step-up action). Nothing moves without a preview of
 * exactly the request that runs.
 */
export function MigrationPanel({
  template,
  from,
  onClose,
}: {
  template: TemplateOverview;
  from: Version;
  onClose: () => void;
}) {
  const t = useTranslations("workflows.admin.migration");
  const ja = useLocale() === "ja";
  const trpc = useTRPC();
  const router = useRouter();
  const errorText = useMutationErrorText();
  const others = template.versions.filter((v) => v.number !== from.number);
  const [toNumber, setToNumber] = useState(others.at(-1)?.number ?? from.number);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const to = others.find((v) => v.number === toNumber);
  const unmatched = to ? stepsToMap(from.steps, to.steps) : [];
  const targets = to ? mappingTargets(from.steps, to.steps) : [];
  const request = {
    templateKey: template.key,
    fromVersion: from.number,
    toVersion: toNumber,
    stepMapping: stepMappingOf(unmatched, choices),
  };
  const requestKey = JSON.stringify(request);
  const onError = (e: unknown) => setError(errorText(e));
  const preview = useMutation(trpc.workflows.previewMigration.mutationOptions({ onError }));
  const run = useMutation(
    trpc.workflows.migrate.mutationOptions({ onError, onSuccess: () => router.refresh() }),
  );
  const previewed = preview.data && preview.variables && JSON.stringify(preview.variables) === requestKey;
  const movable = previewed ? preview.data.instances.filter((i) => i.ok).length : 0;
  const title = (step: { title: string; titleJa: string }) => (ja ? step.titleJa : step.title);

  return (
    <Card className="space-y-3 p-4" data-testid="wf-migration" aria-label={t("title")}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold">{t("title")}</h3>
        <span className="text-xs text-fg-muted">{t("from", { number: from.number })}</span>
        <label className="flex items-center gap-1 text-xs">
          <span>{t("to")}</span>
          <select
            className="h-8 rounded-md border border-border bg-surface px-2"
            data-testid="wf-migration-target"
            value={toNumber}
            onChange={(e) => {
              setToNumber(Number(e.target.value));
              setChoices({});
            }}
          >
            {others.map((v) => (
              <option key={v.number} value={v.number}>
                v{v.number} · {v.label}
              </option>
            ))}
          </select>
        </label>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={onClose}>
          {t("close")}
        </Button>
      </div>

      {unmatched.length === 0 ? (
        <p className="text-xs text-fg-muted">{t("sameKeys")}</p>
      ) : (
        <ul className="space-y-1 text-xs" aria-label={t("mapping")}>
          {unmatched.map((step) => (
            <li key={step.key} className="flex flex-wrap items-center gap-2">
              <span className="min-w-0 flex-1">
                {title(step)} <span className="font-mono text-fg-muted">{step.key}</span>
              </span>
              <select
                className="h-8 max-w-full rounded-md border border-border bg-surface px-2"
                aria-label={t("mapTo", { step: step.key })}
                data-testid={`wf-migration-map-${step.key}`}
                value={choices[step.key] ?? ""}
                onChange={(e) => setChoices({ ...choices, [step.key]: e.target.value })}
              >
                <option value="">{t("drop")}</option>
                {targets.map((target) => (
                  <option key={target.key} value={target.key}>
                    {title(target)} ({target.key})
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ul>
      )}

      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          data-testid="wf-migration-preview"
          disabled={preview.isPending || !to}
          onClick={() => {
            setError(null);
            preview.mutate(request);
          }}
        >
          {t("preview")}
        </Button>
        <Button
          size="sm"
          variant="primary"
          data-testid="wf-migration-run"
          disabled={!previewed || movable === 0 || run.isPending || run.isSuccess}
          onClick={() => {
            setError(null);
            run.mutate(request);
          }}
        >
          {t("run", { count: movable })}
        </Button>
        {run.data && (
          <span role="status" className="text-xs font-medium" data-testid="wf-migration-done">
            {t("done", { count: run.data.migrated, number: run.data.toVersion })}
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}

      {previewed && (
        <ul className="space-y-2 text-xs" data-testid="wf-migration-report">
          {preview.data.instances.length === 0 && <li className="text-fg-muted">{t("none")}</li>}
          {preview.data.instances.map((instance) => (
            <li key={instance.instanceId} data-testid="wf-migration-instance" data-ok={instance.ok}>
              <Link href={`/workflows/${instance.instanceId}`} className="font-mono hover:underline">
                {instance.instanceId.slice(0, 8)}
              </Link>{" "}
              <Badge tone={instance.ok ? "success" : "danger"}>{instance.ok ? t("moves") : t("stays")}</Badge>
              {instance.problems.map((problem) => (
                <p key={problem} className="text-danger">
                  {problem}
                </p>
              ))}
              {instance.ok && (
                <p className="text-fg-muted">
                  {instance.steps
                    .map(
                      (s) =>
                        `${s.fromKey && s.fromKey !== s.key ? `${s.fromKey} → ` : ""}${s.key} (${s.state})`,
                    )
                    .join(" · ")}
                  {instance.dropped.length > 0 &&
                    ` · ${t("dropped", { steps: instance.dropped.join(", ") })}`}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
