import type { Metric } from "@/server/indicators/metrics";
import type { ChartPeriod, ChartRow } from "./metric-chart";

// Shapes server series into chart rows and alert periods. Pure, so it is unit-tested.

interface Series {
  from: Date;
  to: Date;
  stepSeconds: number;
  series: Partial<Record<Metric, readonly { bucketStart: Date; value: number }[]>>;
}

/** One row per step across the whole range, with null where a metric has no data, so gaps show as gaps. */
export function chartRows(data: Series, metrics: readonly Metric[]): ChartRow[] {
  const stepMs = data.stepSeconds * 1000;
  const byMetric = new Map(
    metrics.map((metric) => [
      metric,
      new Map((data.series[metric] ?? []).map((p) => [p.bucketStart.getTime(), p.value])),
    ]),
  );
  const rows: ChartRow[] = [];
  for (let t = data.from.getTime(); t < data.to.getTime(); t += stepMs) {
    const row: ChartRow = { t };
    for (const metric of metrics) row[metric] = byMetric.get(metric)?.get(t) ?? null;
    rows.push(row);
  }
  return rows;
}

/** The newest step that has a value for any of the metrics, as epoch ms; null when the range is empty. */
export function lastValueAt(rows: readonly ChartRow[], metrics: readonly Metric[]): number | null {
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    if (row && metrics.some((metric) => row[metric] !== null && row[metric] !== undefined)) return row.t;
  }
  return null;
}

interface AlertLike {
  id: string;
  metric: Metric;
  severity: ChartPeriod["severity"];
  firedAt: Date | null;
  resolvedAt: Date | null;
}

/** When each alert on these metrics was firing (up to now for open ones), clipped to the chart's range. */
export function alertPeriods(
  alerts: readonly AlertLike[],
  metrics: readonly Metric[],
  domain: [number, number],
  now: number,
): ChartPeriod[] {
  return alerts.flatMap((alert) => {
    if (alert.firedAt === null || !metrics.includes(alert.metric)) return [];
    const from = alert.firedAt.getTime();
    const to = alert.resolvedAt?.getTime() ?? now;
    if (to < domain[0] || from > domain[1]) return [];
    return [{ id: alert.id, from, to, severity: alert.severity }];
  });
}
