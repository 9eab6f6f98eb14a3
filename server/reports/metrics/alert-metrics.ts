import type { MetricDefinition } from "../metric-definition.ts";

const ALERT_CLOCK = {
  report: "alert-response",
  unit: "minutes",
  start: ["AlertTriggered"],
  pauseStates: [],
  calendar: "24/7",
  cohort: "AlertTriggered.firedAt",
  reopen: "none",
  target: null,
  statistics: ["count", "p50", "p90", "mean"],
} as const;

export const ALERT_METRICS: readonly MetricDefinition[] = [
  {
    ...ALERT_CLOCK,
    key: "mtta",
    label: { en: "Time to acknowledge (MTTA)", ja: "確認までの時間 (MTTA)" },
    stop: ["AlertAcknowledged"],
  },
  {
    ...ALERT_CLOCK,
    key: "mttr",
    label: { en: "Time to resolve (MTTR)", ja: "解消までの時間 (MTTR)" },
    stop: ["AlertResolved"],
  },
];
