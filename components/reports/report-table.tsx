"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { ReportResult, ReportRow } from "@/server/reports/contract";
import { missed, type Statistic } from "./figures";

export interface DrillTarget {
  key: string | null;
  metric: string;
  filter: "all" | "breached" | "excluded" | "falsePositive";
}

interface ReportTableProps {
  report: ReportResult;
  previous: ReportResult | undefined;
  onDrill: (target: DrillTarget) => void;
}

const fmt = (value: number | null, suffix = "") => (value === null ? "—" : `${value}${suffix}`);

function Delta({ now, before }: { now: number | null; before: number | null | undefined }) {
  if (now === null || before === null || before === undefined) return null;
  const delta = Math.round((now - before) * 10) / 10;
  return (
    <span className="ml-1 text-xs text-fg-muted">
      ({delta >= 0 ? "+" : ""}
      {delta})
    </span>
  );
}

function Figure({
  stat,
  before,
  metric,
  rowKey,
  onDrill,
}: {
  stat: Statistic | undefined;
  before: Statistic | undefined;
  metric: string;
  rowKey: string | null;
  onDrill: ReportTableProps["onDrill"];
}) {
  const t = useTranslations("reports.table");
  const format = useFormatter();
  if (stat === undefined) return <td className="px-2 py-1.5">—</td>;
  const miss = missed(stat);
  const testKey = `${metric}-${rowKey ?? "total"}`;
  const link = "text-accent underline-offset-2 hover:underline";
  return (
    <td className="px-2 py-1.5 align-top text-sm tabular-nums">
      <button
        type="button"
        className={link}
        data-testid={`figure-count-${testKey}`}
        onClick={() => onDrill({ key: rowKey, metric, filter: "all" })}
      >
        {format.number(stat.count + stat.excluded)}
      </button>
      {stat.pctMet !== null ? (
        <span className="ml-2 font-medium" data-testid={`figure-pct-${testKey}`}>
          {fmt(stat.pctMet, "%")}
          <Delta now={stat.pctMet} before={before?.pctMet} />
        </span>
      ) : null}
      {miss !== null && miss > 0 ? (
        <button
          type="button"
          className={`ml-2 text-danger ${link}`}
          data-testid={`figure-missed-${testKey}`}
          title={t("missedHint")}
          onClick={() =>
            onDrill({ key: rowKey, metric, filter: metric === "falsePositiveRate" ? "all" : "breached" })
          }
        >
          {t("missed", { count: miss })}
        </button>
      ) : null}
      <div className="text-xs text-fg-muted">
        {t("distribution", { p50: fmt(stat.p50), p90: fmt(stat.p90), mean: fmt(stat.mean) })}
        {stat.total !== null && metric === "alertMinutes" ? ` · Σ ${stat.total}` : ""}
        {stat.excluded > 0 ? ` · ${t("excluded", { count: stat.excluded })}` : ""}
        <Delta now={stat.mean} before={before?.mean} />
      </div>
    </td>
  );
}

/** Every group with each metric's figures; every number opens the items behind it. */
export function ReportTable({ report, previous, onDrill }: ReportTableProps) {
  const t = useTranslations("reports.table");
  const locale = useLocale() === "ja" ? "ja" : "en";
  const before = new Map(previous?.rows.map((row) => [row.key, row]) ?? []);
  const row = (r: ReportRow, key: string | null, beforeRow: ReportRow | undefined) => (
    <tr key={r.key} className="border-t border-border" data-testid={`report-row-${key ?? "total"}`}>
      <th scope="row" className="px-2 py-1.5 text-left text-sm font-medium">
        {key === null ? t("total") : r.label}
      </th>
      {report.metrics.map((metric) => (
        <Figure
          key={metric.key}
          stat={r.figures[metric.key]}
          before={beforeRow?.figures[metric.key]}
          metric={metric.key}
          rowKey={key}
          onDrill={onDrill}
        />
      ))}
    </tr>
  );
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem]" data-testid="report-table">
        <thead>
          <tr className="text-left text-xs text-fg-muted">
            <th className="px-2 py-1.5">{t("group")}</th>
            {report.metrics.map((metric) => (
              <th key={metric.key} className="px-2 py-1.5" title={metric.target ?? undefined}>
                {metric.label[locale]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => row(r, r.key, before.get(r.key)))}
          {row(report.total, null, previous?.total)}
        </tbody>
      </table>
    </div>
  );
}
