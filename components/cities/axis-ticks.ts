import { formatNumber, METRIC_INFO, type Locale, type Metric } from "@/server/indicators/metrics";

/** Axis labels: rates as whole percents, everything else as a plain number (the chart's title names the unit). */
export function axisTick(metric: Metric | null, locale: Locale): (value: number) => string {
  if (metric !== null && METRIC_INFO[metric].isRate)
    return (value) => `${formatNumber(value * 100, locale, 0)}%`;
  return (value) => formatNumber(value, locale, 1);
}
