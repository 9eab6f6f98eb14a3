import type { MetricDefinition } from "../metric-definition.ts";

// City figures come from the indicators' daily rollups (sum and count per city, metric and day); alert minutes
// from the alert events. Each day of each city is one item.
const DAILY = {
  report: "city-performance",
  start: "indicator_rollup",
  stop: "indicator_rollup",
  pauseStates: [],
  calendar: "24/7",
  cohort: "the rollup's day (UTC)",
  reopen: "none",
  target: null,
  statistics: ["count", "mean", "p50", "p90"],
} as const;

export const CITY_METRICS: readonly MetricDefinition[] = [
  { ...DAILY, key: "deliveryMinutes", label: { en: "Delivery time", ja: "配達時間" }, unit: "minutes" },
  {
    ...DAILY,
    key: "cancellationRate",
    label: { en: "Cancellation rate", ja: "キャンセル率" },
    unit: "percent",
  },
  { ...DAILY, key: "demandSupply", label: { en: "Demand / supply", ja: "需要 / 供給" }, unit: "ratio" },
  {
    ...DAILY,
    key: "alertMinutes",
    label: { en: "Alert minutes", ja: "アラート時間（分）" },
    unit: "minutes",
    start: ["AlertTriggered"],
    stop: ["AlertResolved"],
    statistics: ["count", "mean", "total"],
  },
];
