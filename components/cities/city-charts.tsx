"use client";

import { useLocale, useTranslations } from "next-intl";
import { useNow } from "@/components/lib/use-now";
import { Card } from "@/components/ui/card";
import { formatMetricValue, formatNumber, METRIC_INFO, type Metric } from "@/server/indicators/metrics";
import { axisTick } from "./axis-ticks";
import { alertPeriods, chartRows, lastValueAt } from "./chart-rows";
import { MetricChart, type ChartLine } from "./metric-chart";
import type { AlertItem, ChartData } from "./types";

type ChartKey = "demandSupply" | "deliveryTime" | "cancellation" | "failures";

// `unit`: the metric whose unit labels the axis; null for charts mixing units (plain numbers).
const CHARTS: readonly {
  key: ChartKey;
  lines: readonly (Omit<ChartLine, "label"> & { key: Metric })[];
  unit: Metric | null;
}[] = [
  {
    key: "demandSupply",
    unit: null,
    lines: [
      { key: "demand", colour: "--accent" },
      { key: "supply", colour: "--success" },
    ],
  },
  {
    key: "deliveryTime",
    unit: "avg_delivery_minutes",
    lines: [{ key: "avg_delivery_minutes", colour: "--warning" }],
  },
  {
    key: "cancellation",
    unit: "cancellation_rate",
    lines: [{ key: "cancellation_rate", colour: "--danger" }],
  },
  {
    key: "failures",
    unit: null,
    lines: [
      { key: "delivery_failures", colour: "--danger" },
      { key: "kitchen_overloads", colour: "--fg-muted", dashed: true },
    ],
  },
];

interface CityChartsProps {
  data: ChartData;
  alerts: readonly AlertItem[];
}

/** The city's indicators over the chosen range, each chart shaded where its alerts were firing. */
export function CityCharts({ data, alerts }: CityChartsProps) {
  const t = useTranslations("cities.charts");
  const locale = useLocale() === "ja" ? "ja" : "en";
  const domain: [number, number] = [data.from.getTime(), data.to.getTime()];
  // Open alerts shade up to now; before hydration, up to the end of the range.
  const now = useNow(30_000) ?? domain[1];
  const tickStyle = data.stepSeconds >= 3600 ? "day" : "time";

  return (
    <div className="grid gap-3 xl:grid-cols-2">
      {CHARTS.map((chart) => {
        const metrics = chart.lines.map((line) => line.key);
        const rows = chartRows(data, metrics);
        const periods = alertPeriods(alerts, metrics, domain, now);
        const last = lastValueAt(rows, metrics);
        const peak = Math.max(...rows.flatMap((row) => metrics.map((metric) => row[metric] ?? -Infinity)));
        const lines = chart.lines.map((line) => ({ ...line, label: METRIC_INFO[line.key].label[locale] }));
        return (
          <Card
            key={chart.key}
            className="p-3"
            data-testid={`chart-${chart.key}`}
            data-last-bucket={last === null ? "" : new Date(last).toISOString()}
            data-alert-periods={periods.length}
            data-peak={Number.isFinite(peak) ? peak : ""}
          >
            <div className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3 px-1">
              <h3 className="text-sm font-semibold">{t(`titles.${chart.key}`)}</h3>
              <ul className="flex gap-3 text-xs text-fg-muted" aria-label={t("legend")}>
                {lines.map((line) => (
                  <li key={line.key} className="flex items-center gap-1.5">
                    <span
                      aria-hidden="true"
                      className="inline-block h-0.5 w-3 rounded"
                      style={{ background: `var(${line.colour})` }}
                    />
                    {line.label}
                  </li>
                ))}
              </ul>
            </div>
            <div
              role="img"
              aria-label={t("chartLabel", { title: t(`titles.${chart.key}`), alerts: periods.length })}
            >
              <MetricChart
                rows={rows}
                lines={lines}
                domain={domain}
                periods={periods}
                tickStyle={tickStyle}
                formatValue={(value) =>
                  chart.unit === null
                    ? formatNumber(value, locale, 1)
                    : formatMetricValue(chart.unit, value, locale)
                }
                formatTick={axisTick(chart.unit, locale)}
              />
            </div>
          </Card>
        );
      })}
    </div>
  );
}
