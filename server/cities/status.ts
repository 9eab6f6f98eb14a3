import type { AlertSummary } from "../alerts/queries.ts";
import type { Severity } from "../alerts/rules.ts";
import {
  balanceStatus,
  demandSupplyBalance,
  type BalanceStatus,
  type Metric,
} from "../indicators/metrics.ts";

// A city's health at a glance, and the order the board shows cities in. Pure.

export interface IndicatorValue {
  value: number;
  bucketStart: Date;
}

export interface Balance {
  /** Demand ÷ supply; null when there are no couriers at all (Infinity does not survive JSON). */
  value: number | null;
  status: BalanceStatus;
  bucketStart: Date;
}

export type AlertLevel = "ok" | "pending" | "firing";

export interface CityStatus {
  id: string;
  code: string;
  name: string;
  nameJa: string;
  timezone: string;
  indicators: Partial<Record<Metric, IndicatorValue>>;
  balance: Balance | null;
  alertState: AlertLevel;
  /** The most severe firing alert's severity. */
  worstSeverity: Severity | null;
  openAlerts: AlertSummary[];
}

export function balanceOf(indicators: Partial<Record<Metric, IndicatorValue>>): Balance | null {
  const { demand, supply } = indicators;
  if (!demand || !supply) return null;
  const value = demandSupplyBalance(demand.value, supply.value);
  return {
    value: Number.isFinite(value) ? value : null,
    status: balanceStatus(value),
    bucketStart: demand.bucketStart < supply.bucketStart ? demand.bucketStart : supply.bucketStart,
  };
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export function alertLevel(alerts: readonly AlertSummary[]): { state: AlertLevel; worst: Severity | null } {
  const firing = alerts.filter((alert) => alert.state === "firing");
  if (firing.length === 0)
    return { state: alerts.some((a) => a.state === "pending") ? "pending" : "ok", worst: null };
  const worst = firing.reduce<Severity>(
    (acc, alert) => (SEVERITY_RANK[alert.severity] < SEVERITY_RANK[acc] ? alert.severity : acc),
    "info",
  );
  return { state: "firing", worst };
}

function urgency(city: CityStatus): number {
  if (city.alertState === "firing" && city.worstSeverity) return SEVERITY_RANK[city.worstSeverity];
  return city.alertState === "pending" ? 3 : 4;
}

function balanceRank(balance: Balance | null): number {
  if (balance === null) return -1;
  return balance.value === null ? Infinity : balance.value;
}

/** Worst first: firing by severity, then pending, then calm; within a level, the tightest courier balance. */
export function worstFirst(cities: readonly CityStatus[]): CityStatus[] {
  return [...cities].sort(
    (a, b) =>
      urgency(a) - urgency(b) ||
      balanceRank(b.balance) - balanceRank(a.balance) ||
      a.code.localeCompare(b.code),
  );
}
