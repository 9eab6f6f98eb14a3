import type { MetricDefinition } from "../metric-definition.ts";

const TICKET_CLOCK = {
  pauseStates: ["pending"],
  calendar: "by_priority",
  cohort: "TicketCreated.occurredAt",
  reopen: "pause_between_cycles",
} as const;

export const TICKET_METRICS: readonly MetricDefinition[] = [
  {
    key: "firstResponse",
    report: "ticket-sla",
    label: { en: "First response", ja: "初回応答" },
    unit: "minutes",
    start: ["TicketCreated"],
    // A public comment, or resolving (which answers the customer).
    stop: ["TicketCommented", "TicketResolved"],
    ...TICKET_CLOCK,
    target:
      "P1 15 min, P2 30 min (24/7); P3 4 h, P4 end of next business day (business hours); or SlaBreached",
    statistics: ["count", "pctMet", "p50", "p90", "mean"],
  },
  {
    key: "resolution",
    report: "ticket-sla",
    label: { en: "Resolution", ja: "解決" },
    unit: "minutes",
    start: ["TicketCreated"],
    stop: ["TicketResolved"],
    ...TICKET_CLOCK,
    target: "P1 4 h, P2 8 h (24/7); P3 24 h, P4 27 h (business hours); or SlaBreached",
    statistics: ["count", "pctMet", "p50", "p90", "mean"],
  },
  {
    key: "open",
    report: "ticket-backlog",
    label: { en: "Open at period end (age in hours)", ja: "期間末の未解決（経過時間）" },
    unit: "hours",
    start: ["TicketCreated"],
    stop: ["TicketResolved", "TicketStatusUpdated"],
    pauseStates: [],
    calendar: "24/7",
    cohort: "open at the period's end",
    reopen: "pause_between_cycles",
    target: null,
    statistics: ["count", "p50", "p90", "mean"],
  },
  ...(
    [
      ["age0to1d", "Aged under 1 day", "1日未満"],
      ["age1to3d", "Aged 1–3 days", "1〜3日"],
      ["age3to7d", "Aged 3–7 days", "3〜7日"],
      ["age7dPlus", "Aged over 7 days", "7日超"],
    ] as const
  ).map(([key, en, ja]): MetricDefinition => ({
    key,
    report: "ticket-backlog",
    label: { en, ja },
    unit: "items",
    start: ["TicketCreated"],
    stop: ["TicketResolved"],
    pauseStates: [],
    calendar: "24/7",
    cohort: "open at the period's end",
    reopen: "pause_between_cycles",
    target: null,
    statistics: ["count"],
  })),
  {
    key: "created",
    report: "ticket-backlog",
    label: { en: "Created in period", ja: "期間内の作成" },
    unit: "items",
    start: ["TicketCreated"],
    stop: ["TicketCreated"],
    pauseStates: [],
    calendar: "24/7",
    cohort: "TicketCreated.occurredAt",
    reopen: "none",
    target: null,
    statistics: ["count"],
  },
];
