"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { parseAsStringLiteral, useQueryState } from "nuqs";
import { useTRPC } from "@/components/providers/trpc";
import { Spinner } from "@/components/ui/spinner";
import { CHART_RANGES } from "@/server/cities/chart-ranges";
import { AlertPanel } from "./alert-panel";
import { AlertLevelBadge } from "./badges";
import { CityCharts } from "./city-charts";
import { KpiStrip } from "./kpi-strip";
import { LiveIndicator } from "./live-indicator";
import { RangePicker } from "./range-picker";
import type { CityDetailData } from "./types";
import { useLiveCities } from "./use-live-cities";

interface CityDetailViewProps {
  code: string;
  initialDetail: CityDetailData;
  canManage: boolean;
}

/** One city: latest figures, live charts over the range in the URL, and its alerts with their plans. */
export function CityDetailView({ code, initialDetail, canManage }: CityDetailViewProps) {
  const t = useTranslations("cities");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [range, setRange] = useQueryState("range", parseAsStringLiteral(CHART_RANGES).withDefault("6h"));
  const detail = useQuery(trpc.cities.detail.queryOptions({ code }, { initialData: initialDetail }));
  const chart = useQuery(
    trpc.cities.chart.queryOptions({ code, range }, { placeholderData: keepPreviousData }),
  );
  const cityId = detail.data.status.id;

  const live = useLiveCities((events) => {
    const indicators =
      events.length === 0 || events.some((e) => e.aggregateType === "city" && e.aggregateId === cityId);
    const alerts = events.length === 0 || events.some((e) => e.aggregateType === "alert");
    if (indicators)
      void queryClient.invalidateQueries({ queryKey: trpc.cities.chart.queryKey({ code, range }) });
    if (indicators || alerts)
      void queryClient.invalidateQueries({ queryKey: trpc.cities.detail.queryKey({ code }) });
  });

  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <AlertLevelBadge state={detail.data.status.alertState} severity={detail.data.status.worstSeverity} />
        <span className="text-xs text-fg-muted">
          {t("tile.openAlerts", { count: detail.data.status.openAlerts.length })}
        </span>
      </div>
      <KpiStrip status={detail.data.status} />
      <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-labelledby="charts-heading" className="min-w-0 space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="flex items-center gap-3">
              <h2 id="charts-heading" className="text-sm font-semibold">
                {t("charts.heading")}
              </h2>
              <LiveIndicator status={live} />
              {chart.isFetching ? <Spinner className="size-3.5 text-fg-muted" /> : null}
            </div>
            <RangePicker value={range} onChange={(next) => void setRange(next)} />
          </div>
          <p className="text-xs text-fg-muted">{t("charts.note", { source: chart.data?.source ?? "raw" })}</p>
          {chart.data ? (
            <CityCharts data={chart.data} alerts={detail.data.alerts} />
          ) : chart.isError ? (
            <p role="alert" className="text-sm text-danger">
              {t("loadFailed")}
            </p>
          ) : (
            <div className="flex h-64 items-center justify-center text-fg-muted">
              <Spinner />
            </div>
          )}
        </section>
        <AlertPanel code={code} detail={detail.data} canManage={canManage} />
      </div>
    </div>
  );
}
