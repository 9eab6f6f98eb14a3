"use client";

import { useTranslations } from "next-intl";
import { AnnouncedPanel } from "@/components/ui/announced-panel";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { DryRunResult } from "@/server/hub/admin/contract";

const TONE: Record<DryRunResult["rows"][number]["outcome"], BadgeTone> = {
  route: "success",
  no_route: "neutral",
  invalid: "danger",
};

interface DryRunPanelProps {
  result: DryRunResult;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** What replaying each chosen event would do now, computed without writing; the replay waits for a confirm. */
export function DryRunPanel({ result, busy, onConfirm, onCancel }: DryRunPanelProps) {
  const t = useTranslations("hub.dryRun");
  return (
    <AnnouncedPanel title={t("title")} testId="hub-dry-run" level="h3" tone="accent" className="space-y-3">
      <ul className="space-y-2" aria-label={t("caption")}>
        {result.rows.map((row) => (
          <li
            key={row.receiptId}
            data-testid="hub-dry-run-row"
            data-receipt-id={row.receiptId}
            data-outcome={row.outcome}
            className="rounded-md border border-border bg-surface p-3 text-sm"
          >
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{row.type}</span>
              <Badge tone={TONE[row.outcome]}>{t(`outcome.${row.outcome}`)}</Badge>
              {row.rule ? (
                <span className="font-mono text-xs text-fg-muted">
                  {t("rule")}: {row.rule}
                </span>
              ) : null}
            </div>
            <p className="mt-1 text-xs text-fg-muted">{row.why}</p>
            {row.problem ? <p className="mt-1 text-xs text-danger">{row.problem}</p> : null}
            {row.outcome === "route" ? (
              <div className="mt-2 text-xs">
                <span className="font-medium">{t("effects")}: </span>
                {row.effects.length === 0 ? (
                  <span className="text-fg-muted">{t("noEffects")}</span>
                ) : (
                  <ul className="list-inside list-disc">
                    {row.effects.map((effect, index) => (
                      <li key={index} data-testid="hub-dry-run-effect" data-kind={effect.kind}>
                        {effect.summary}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {result.skipped.length > 0 ? (
        <p className="text-xs text-fg-muted">{t("skipped", { count: result.skipped.length })}</p>
      ) : null}
      <div className="flex gap-2">
        <Button
          variant="primary"
          size="sm"
          disabled={busy || result.rows.length === 0}
          data-testid="hub-replay-confirm"
          onClick={onConfirm}
        >
          {t("confirm", { count: result.rows.length })}
        </Button>
        <Button size="sm" variant="ghost" disabled={busy} onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </AnnouncedPanel>
  );
}
