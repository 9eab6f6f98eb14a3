"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import type { CaseDetail } from "./types";

/** The case's evidence, newest first, with every attribute the producer sent. */
export function SignalTimeline({ signals, total }: { signals: CaseDetail["signals"]; total: number }) {
  const t = useTranslations("risk.case.signals");
  const tTypes = useTranslations("risk.types");
  const format = useFormatter();

  return (
    <Card className="p-4">
      <div className="mb-3 flex items-baseline justify-between">
        <h2 className="text-sm font-semibold">{t("title")}</h2>
        <p className="text-xs text-fg-muted">{t("count", { count: total })}</p>
      </div>
      {signals.length === 0 ? (
        <p className="text-sm text-fg-muted">{t("empty")}</p>
      ) : (
        <ol className="relative space-y-3 border-l border-border pl-4" data-testid="risk-signals">
          {signals.map((signal) => (
            <li key={signal.id} className="relative">
              <span
                aria-hidden="true"
                className="absolute top-1.5 -left-[21px] size-2 rounded-full bg-accent"
              />
              <div className="flex flex-wrap items-baseline gap-x-2 text-xs">
                <time dateTime={signal.observedAt.toISOString()} className="font-medium tabular-nums">
                  {format.dateTime(signal.observedAt, "precise")}
                </time>
                <span>{tTypes(signal.type)}</span>
                <span className="text-fg-muted">
                  {t("received", { time: format.dateTime(signal.receivedAt, "precise") })}
                </span>
                <span className="truncate font-mono text-fg-muted">{signal.sourceEventId}</span>
              </div>
              <ul className="mt-1 flex flex-wrap gap-1">
                {Object.entries(signal.attributes).map(([key, value]) => (
                  <li
                    key={key}
                    className="rounded border border-border bg-surface-muted px-1.5 py-0.5 font-mono text-[11px]"
                  >
                    {key}={String(value)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
