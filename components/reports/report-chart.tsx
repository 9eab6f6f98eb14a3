"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useThemeColours } from "@/components/lib/use-theme-colours";
import type { ReportResult } from "@/server/reports/contract";
import { headline, type ReportMetric } from "./figures";

interface ReportChartProps {
  report: ReportResult;
  previous: ReportResult | undefined;
  metric: ReportMetric;
  labels: { current: string; previous: string };
}

/** The metric's headline figure per group, beside the previous period's when comparing. */
export function ReportChart({ report, previous, metric, labels }: ReportChartProps) {
  const colours = useThemeColours();
  const before = new Map(previous?.rows.map((row) => [row.key, row]) ?? []);
  const data = report.rows.slice(0, 30).map((row) => ({
    label: row.label,
    current: headline(metric, row.figures[metric.key]),
    previous: previous ? headline(metric, before.get(row.key)?.figures[metric.key]) : null,
  }));
  return (
    <div className="h-64 w-full" data-testid="report-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid stroke={colours["--border"]} vertical={false} />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 11, fill: colours["--fg-muted"] }}
            interval={0}
            height={40}
          />
          <YAxis tick={{ fontSize: 11, fill: colours["--fg-muted"] }} width={40} />
          <Tooltip />
          <Legend />
          <Bar dataKey="current" name={labels.current} fill={colours["--accent"]} isAnimationActive={false} />
          {previous ? (
            <Bar
              dataKey="previous"
              name={labels.previous}
              fill={colours["--fg-muted"]}
              isAnimationActive={false}
            />
          ) : null}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
