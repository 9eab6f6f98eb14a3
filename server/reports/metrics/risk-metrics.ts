import type { MetricDefinition } from "../metric-definition.ts";

const RISK_CLOCK = {
  report: "risk-handling",
  unit: "minutes",
  start: ["RiskDetected"],
  pauseStates: [],
  calendar: "24/7",
  cohort: "RiskDetected.occurredAt",
  reopen: "none",
  target: null,
  statistics: ["count", "p50", "p90", "mean"],
} as const;

export const RISK_METRICS: readonly MetricDefinition[] = [
  {
    ...RISK_CLOCK,
    key: "timeToAcknowledge",
    label: { en: "Time to acknowledge", ja: "確認までの時間" },
    stop: ["RiskAcknowledged"],
  },
  {
    ...RISK_CLOCK,
    key: "timeToMitigate",
    label: { en: "Time to first mitigation", ja: "初回対策完了までの時間" },
    stop: ["MitigationCompleted"],
  },
  {
    ...RISK_CLOCK,
    key: "timeToClose",
    label: { en: "Time to close", ja: "クローズまでの時間" },
    stop: ["CaseClosed"],
  },
  {
    ...RISK_CLOCK,
    key: "falsePositiveRate",
    label: { en: "False positives (of closed)", ja: "誤検知率（クローズ済み）" },
    unit: "percent",
    stop: ["CaseClosed"],
    target: "CaseClosed.resolution = false_positive (the numerator), of closed cases (the denominator)",
    statistics: ["count", "pctMet"],
  },
];
