import type { ChartRange } from "@/server/cities/chart-ranges";
import type { IncidentSummary, MemberView } from "@/server/incidents/contract";
import { METRICS, type Metric } from "@/server/indicators/metrics";

// What the incident room's city chart shows: the metric the incident is about, the range that holds its window,
// and the window itself. Pure, so it is unit-tested.

const HOUR_MS = 3_600_000;
/** The shortest chart range holding the whole window, with a quarter of the range left before it for context. */
const RANGES: readonly { range: ChartRange; hours: number }[] = [
  { range: "6h", hours: 6 },
  { range: "24h", hours: 24 },
  { range: "7d", hours: 7 * 24 },
  { range: "30d", hours: 30 * 24 },
];

/** Tickets about these categories show in the delivery figures; anything else in orders. */
const TICKET_METRIC: Partial<Record<string, Metric>> = {
  delivery_delay: "avg_delivery_minutes",
  missing_item: "delivery_failures",
  order_issue: "cancellation_rate",
  refund_request: "cancellation_rate",
  courier_safety: "supply",
  courier_payout: "supply",
};

/** What the chart reads of a member. */
type ChartMember = Pick<MemberView, "kind" | "label" | "joinedAt" | "removedAt">;

const isMetric = (value: string | null): value is Metric =>
  value !== null && (METRICS as readonly string[]).includes(value);

/** An alert member names its metric; otherwise the commonest ticket category decides; else delivery time. */
export function affectedMetric(members: readonly ChartMember[]): Metric {
  const active = members.filter((m) => !m.removedAt);
  const alert = active.find((m) => m.kind === "alert" && isMetric(m.label));
  if (alert && isMetric(alert.label)) return alert.label;
  const counts = new Map<Metric, number>();
  for (const member of active) {
    const metric = member.kind === "ticket" && member.label ? TICKET_METRIC[member.label] : undefined;
    if (metric) counts.set(metric, (counts.get(metric) ?? 0) + 1);
  }
  const commonest = [...counts].sort((a, b) => b[1] - a[1])[0];
  return commonest?.[0] ?? "avg_delivery_minutes";
}

/** From the first member's arrival (or the declaration) to resolution, or now while it is open. */
export function incidentWindow(
  incident: Pick<IncidentSummary, "createdAt" | "resolvedAt">,
  members: readonly ChartMember[],
  now: number,
): { from: number; to: number } {
  const first = Math.min(incident.createdAt.getTime(), ...members.map((m) => m.joinedAt.getTime()));
  return { from: first, to: incident.resolvedAt?.getTime() ?? now };
}

export function rangeFor(window: { from: number }, now: number): ChartRange {
  const hours = (now - window.from) / HOUR_MS;
  return (RANGES.find((r) => hours <= r.hours * 0.75) ?? RANGES[RANGES.length - 1]!).range;
}
