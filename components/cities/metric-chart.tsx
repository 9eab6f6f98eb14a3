"use client";

import { useFormatter } from "next-intl";
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useThemeColours, type ThemeColours } from "@/components/lib/use-theme-colours";
import type { Severity } from "@/server/alerts/rules";

export interface ChartLine {
  key: string;
  label: string;
  colour: keyof ThemeColours;
  dashed?: boolean;
}

export interface ChartPeriod {
  id: string;
  from: number;
  to: number;
  severity: Severity;
}

export type ChartRow = { t: number } & Record<string, number | null>;

interface MetricChartProps {
  rows: readonly ChartRow[];
  lines: readonly ChartLine[];
  domain: [number, number];
  periods: readonly ChartPeriod[];
  /** Tooltips: the value with its unit. */
  formatValue: (value: number) => string;
  /** Axis ticks: short, without the unit (the title names it). */
  formatTick: (value: number) => string;
  /** Long ranges label days, short ones times. */
  tickStyle: "time" | "day";
  threshold?: number | null;
  height?: number;
}

const PERIOD_COLOUR: Record<Severity, keyof ThemeColours> = {
  critical: "--danger",
  warning: "--warning",
  info: "--accent",
};

/** A time-series chart: lines over a fixed time domain, firing-alert periods shaded behind them. */
export function MetricChart({
  rows,
  lines,
  domain,
  periods,
  formatValue,
  formatTick,
  tickStyle,
  threshold,
  height = 180,
}: MetricChartProps) {
  const colours = useThemeColours();
  const format = useFormatter();
  const tick = (t: number) =>
    tickStyle === "time" ? format.dateTime(new Date(t), "time") : format.dateTime(new Date(t), "day");
  const full = (t: number) => format.dateTime(new Date(t), "short");
  const axis = { stroke: colours["--border"], tick: { fill: colours["--fg-muted"], fontSize: 11 } };

  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={[...rows]} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={colours["--border"]} strokeDasharray="2 4" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={domain}
          tickFormatter={tick}
          minTickGap={48}
          {...axis}
        />
        <YAxis width={40} tickFormatter={(v: number) => formatTick(v)} {...axis} />
        {periods.map((period) => (
          <ReferenceArea
            key={period.id}
            x1={Math.max(period.from, domain[0])}
            x2={Math.min(period.to, domain[1])}
            fill={colours[PERIOD_COLOUR[period.severity]]}
            fillOpacity={0.14}
            strokeOpacity={0}
            ifOverflow="hidden"
          />
        ))}
        {threshold !== undefined && threshold !== null ? (
          <ReferenceLine
            y={threshold}
            stroke={colours["--danger"]}
            strokeDasharray="4 3"
            ifOverflow="extendDomain"
          />
        ) : null}
        <Tooltip
          labelFormatter={(t) => (typeof t === "number" ? full(t) : "")}
          formatter={(value, name) => [typeof value === "number" ? formatValue(value) : "—", name]}
          contentStyle={{
            background: colours["--surface"],
            borderColor: colours["--border"],
            color: colours["--fg"],
            fontSize: 12,
            borderRadius: 6,
          }}
        />
        {lines.map((line) => (
          <Line
            key={line.key}
            dataKey={line.key}
            name={line.label}
            type="monotone"
            stroke={colours[line.colour]}
            strokeWidth={1.6}
            strokeDasharray={line.dashed ? "4 3" : undefined}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
