// How long closed work is kept (the seed's data policy), as data: the retention job reads it and an admin page
// can show it. Ages count from when an item was closed (resolved or closed for tickets; a raw indicator point
// from its bucket), and an item touched since the cutoff is kept whatever its closing date.
//
// Kept for ever, whatever their age: the history and the aggregates reports compute from (issue 15: "report
// metrics survive the deletion"). Events that name a removed ticket or case stay as its history; the reports'
// fact rows have no foreign key to the items they describe, so removing an item leaves its figures in place.
// Raw 5-minute indicator points are archived and removed after three years like the rest; their hourly and daily
// rollups stay.
export const KEPT_TABLES = [
  "DomainEvent", // every report figure is recomputed from the event log
  "AuditLog", // append-only: a trigger forbids deletes
  "ReportTicketFact", // one row per ticket, folded from its events
  "ReportSnapshot", // the daily report as it stood
  "CityIndicatorHourly", // indicator rollups (city performance per day)
  "CityIndicatorDaily",
] as const;
// (TicketCount and its rollup are no aggregate of history: their triggers count the tickets that exist, so
// removed tickets leave them as count(*) would.)

export type RetentionSubject = "tickets" | "risk_cases" | "indicator_points" | "inbound_events";

/** How long a subject is kept: whole calendar years, or days for what only operations look back on. */
export type RetentionPeriod = { years: number } | { days: number };

export type RetentionRule = {
  subject: RetentionSubject;
  /** What "past the policy" measures from, as people read it. */
  measuredFrom: string;
} & RetentionPeriod;

export const RETENTION_POLICY: readonly RetentionRule[] = [
  { subject: "tickets", years: 2, measuredFrom: "resolved or closed" },
  { subject: "risk_cases", years: 5, measuredFrom: "closed" },
  { subject: "indicator_points", years: 3, measuredFrom: "bucket start" },
  // The hub's inbox: raw events the other units sent, kept for replay once processed (routed, unrouted or dead).
  // The hub's counts never look back further (server/hub/routes/facts.ts: inboxHorizon).
  { subject: "inbound_events", days: 90, measuredFrom: "received, once processed" },
];

export function retentionPeriod(subject: RetentionSubject): RetentionPeriod {
  const rule = RETENTION_POLICY.find((r) => r.subject === subject);
  if (!rule) throw new Error(`No retention rule for ${subject}`);
  return rule;
}

const DAY_MS = 86_400_000;

/** Items closed before this instant are past the policy: `now` minus the subject's period, in UTC. */
export function retentionCutoff(subject: RetentionSubject, now: Date): Date {
  const period = retentionPeriod(subject);
  if ("days" in period) return new Date(now.getTime() - period.days * DAY_MS);
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - period.years);
  return cutoff;
}

/** The archive's day folder for a run: its UTC date. */
export function archiveDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
