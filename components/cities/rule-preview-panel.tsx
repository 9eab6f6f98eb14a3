"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { formatMetricValue } from "@/server/indicators/metrics";
import { axisTick } from "./axis-ticks";
import { Field, Select } from "@/components/ui/form-controls";
import { MetricChart } from "./metric-chart";
import type { DraftCheck, RuleDraft } from "./rule-draft";
import type { RuleEditorOptions } from "./types";

const DEBOUNCE_MS = 400;

function useDebounced<T>(value: T): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

interface RulePreviewPanelProps {
  draft: RuleDraft;
  check: DraftCheck;
  options: RuleEditorOptions;
}

/** "Over the last 7 days this rule would have fired N times", drawn over the metric before saving. */
export function RulePreviewPanel({ draft, check, options }: RulePreviewPanelProps) {
  const t = useTranslations("cities.editor.preview");
  const errorText = useMutationErrorText();
  const locale = useLocale() === "ja" ? "ja" : "en";
  const trpc = useTRPC();
  const [chosenCity, setChosenCity] = useState(options.cities[0]?.id ?? "");
  const cityId = draft.cityId || chosenCity;
  // Compared as text, so a re-render with an equal draft does not restart the debounce.
  const input = useDebounced(check.ok ? JSON.stringify(check.input) : null);
  const rule: unknown = input === null ? null : JSON.parse(input);
  const preview = useQuery(
    trpc.alerts.rules.preview.queryOptions(
      { rule, cityId },
      { enabled: input !== null && cityId !== "", placeholderData: keepPreviousData, staleTime: 60_000 },
    ),
  );
  const data = preview.data;
  const threshold = draft.kind === "threshold" && check.ok ? check.input.threshold : null;

  return (
    <Card className="space-y-3 p-4" aria-labelledby="rule-preview-heading" data-testid="rule-preview">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="rule-preview-heading" className="text-sm font-semibold">
            {t("title")}
          </h2>
          <p className="text-xs text-fg-muted">{t("description")}</p>
        </div>
        {draft.cityId === "" ? (
          <Field label={t("city")} className="w-48">
            {({ id }) => (
              <Select id={id} value={chosenCity} onChange={(e) => setChosenCity(e.target.value)}>
                {options.cities.map((city) => (
                  <option key={city.id} value={city.id}>
                    {locale === "ja" ? city.nameJa : city.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : null}
      </div>
      <p role="status" aria-live="polite" className="text-sm" data-testid="rule-preview-summary">
        {!check.ok ? (
          <span className="text-fg-muted">{t("incomplete")}</span>
        ) : preview.isError ? (
          <span className="text-danger">{errorText(preview.error)}</span>
        ) : data ? (
          <>
            <span className="font-semibold tabular-nums">{t("fired", { count: data.firedCount })}</span>
            {preview.isFetching ? <Spinner className="ml-2 inline size-3.5 text-fg-muted" /> : null}
          </>
        ) : (
          <Spinner className="size-4 text-fg-muted" />
        )}
      </p>
      {data ? (
        <div role="img" aria-label={t("chartLabel", { count: data.firedCount })}>
          <MetricChart
            rows={data.points.map((point) => ({ t: point.bucketStart.getTime(), value: point.value }))}
            lines={[{ key: "value", label: t("series"), colour: "--accent" }]}
            domain={[data.from.getTime(), data.to.getTime()]}
            periods={data.periods.map((period, i) => ({
              id: String(i),
              from: period.from.getTime(),
              to: period.to.getTime(),
              severity: draft.severity,
            }))}
            threshold={typeof threshold === "number" ? threshold : null}
            tickStyle="day"
            formatValue={(value) => formatMetricValue(draft.metric, value, locale)}
            formatTick={axisTick(draft.metric, locale)}
            height={220}
          />
        </div>
      ) : null}
    </Card>
  );
}
