"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { axisTick } from "@/components/cities/axis-ticks";
import { alertPeriods, chartRows } from "@/components/cities/chart-rows";
import { Select } from "@/components/ui/form-controls";
import { LiveIndicator } from "@/components/cities/live-indicator";
import { MetricChart } from "@/components/cities/metric-chart";
import { useLiveCities } from "@/components/cities/use-live-cities";
import { useNow } from "@/components/lib/use-now";
import { useTRPC } from "@/components/providers/trpc";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import type { IncidentDetail } from "@/server/incidents/contract";
import { formatMetricValue, METRIC_INFO, METRICS, type Metric } from "@/server/indicators/metrics";
import { affectedMetric, incidentWindow, rangeFor } from "./incident-chart";

interface IncidentCityChartProps {
  detail: IncidentDetail;
  cityId: string;
}

/**
 * The affected city's figure for the incident's metric, live (pushed city and alert events refetch it), with the
 * incident's window shaded and the city's alerts on that metric shaded by severity, so a recovery shows too.
 */
export function IncidentCityChart({ detail, cityId }: IncidentCityChartProps) {
  const t = useTranslations("incidents.room");
  const locale = useLocale() === "ja" ? "ja" : "en";
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<Metric | null>(null);
  const metric = chosen ?? affectedMetric(detail.members);
  const now = useNow(30_000) ?? detail.incident.updatedAt.getTime();
  const window = incidentWindow(detail.incident, detail.members, now);
  const range = rangeFor(window, now);

  const options = useQuery(trpc.alerts.rules.options.queryOptions());
  const city = options.data?.cities.find((c) => c.id === cityId);
  const code = city?.code ?? "";
  const chart = useQuery({
    ...trpc.cities.chart.queryOptions({ code, range }, { placeholderData: keepPreviousData }),
    enabled: city !== undefined,
  });
  const cityDetail = useQuery({ ...trpc.cities.detail.queryOptions({ code }), enabled: city !== undefined });
  const live = useLiveCities((events) => {
    const ours =
      events.length === 0 || events.some((e) => e.aggregateId === cityId || e.aggregateType === "alert");
    if (!ours || !city) return;
    void queryClient.invalidateQueries({ queryKey: trpc.cities.chart.queryKey({ code, range }) });
    void queryClient.invalidateQueries({ queryKey: trpc.cities.detail.queryKey({ code }) });
  });

  const data = chart.data;
  const domain: [number, number] | null = data ? [data.from.getTime(), data.to.getTime()] : null;
  const periods = domain
    ? [
        { id: "incident", from: window.from, to: window.to, severity: "info" as const },
        ...alertPeriods(cityDetail.data?.alerts ?? [], [metric], domain, now),
      ]
    : [];
  return (
    <Card
      className="p-4 max-sm:p-3"
      data-testid="incident-city-chart"
      data-metric={metric}
      data-range={range}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-3">
          <h3 className="font-semibold">{t("cityChart")}</h3>
          <LiveIndicator status={live} />
          {chart.isFetching ? <Spinner className="size-3.5 text-fg-muted" /> : null}
        </div>
        {city ? (
          <Link href={`/cities/${city.code}`} className="text-xs underline">
            {t("openCity")}: {city.name} ({city.code})
          </Link>
        ) : null}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <label className="text-xs text-fg-muted" htmlFor="incident-chart-metric">
          {t("metric")}
        </label>
        <Select
          id="incident-chart-metric"
          value={metric}
          onChange={(event) => setChosen(event.target.value as Metric)}
          className="w-auto"
          data-testid="incident-chart-metric"
        >
          {METRICS.map((value) => (
            <option key={value} value={value}>
              {METRIC_INFO[value].label[locale]}
            </option>
          ))}
        </Select>
      </div>
      <p className="mt-1 text-xs text-fg-muted">{t("cityChartNote")}</p>
      {data && domain ? (
        <div
          className="mt-2"
          role="img"
          aria-label={`${t("cityChart")}: ${METRIC_INFO[metric].label[locale]}`}
          data-alert-periods={periods.length - 1}
        >
          <MetricChart
            rows={chartRows(data, [metric])}
            lines={[{ key: metric, label: METRIC_INFO[metric].label[locale], colour: "--warning" }]}
            domain={domain}
            periods={periods}
            tickStyle={data.stepSeconds >= 3600 ? "day" : "time"}
            formatValue={(value) => formatMetricValue(metric, value, locale)}
            formatTick={axisTick(metric, locale)}
          />
        </div>
      ) : (
        <div className="flex h-44 items-center justify-center text-fg-muted">
          <Spinner />
        </div>
      )}
    </Card>
  );
}
