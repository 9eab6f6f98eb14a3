import type { AlertTriggeredPayload } from "../events/payloads.ts";
import type { DomainEventInput } from "../events/record.ts";
import { formatMetricValue, METRIC_INFO } from "../indicators/metrics.ts";
import type { CityRecord } from "../indicators/cities.ts";
import { formatPercentChange } from "./condition.ts";
import type { StoredAlert } from "./repository.ts";
import type { AlertRule } from "./rules.ts";

/** What every alert event carries, so consumers need not look the alert up. */
export function alertEventPayload(
  alert: StoredAlert,
  rule: Pick<AlertRule, "id" | "name" | "metric">,
  city: Pick<CityRecord, "id" | "code">,
  extra: DomainEventInput["payload"] = {},
): DomainEventInput["payload"] {
  return {
    alertId: alert.id,
    ruleId: rule.id,
    ruleName: rule.name,
    metric: rule.metric,
    cityId: city.id,
    city: city.code,
    state: alert.state,
    severity: alert.severity,
    value: alert.value,
    ...extra,
  };
}

/** The alert's value as people read it ("58 min", "+35 %"); empty when there is none. */
export function describeAlertValue(rule: Pick<AlertRule, "kind" | "metric">, value: number | null): string {
  if (value === null) return "";
  if (rule.kind === "change") return formatPercentChange(value, "en");
  if (rule.kind === "no_data") return `${value} min without data`;
  return formatMetricValue(rule.metric, value, "en");
}

/**
 * AlertTriggered carries what its consumers need to act (open a ticket, send a risk signal) without reading the
 * alert: the rule's follow-up choices, the readable names and the time it fired. Schema: events/payloads.ts.
 */
export function alertTriggeredExtra(
  alert: StoredAlert,
  rule: Pick<AlertRule, "kind" | "metric" | "opensTicket" | "opensRiskCase">,
  city: Pick<CityRecord, "name" | "nameJa">,
  firedAt: Date,
): Omit<
  AlertTriggeredPayload,
  "alertId" | "ruleId" | "ruleName" | "metric" | "cityId" | "city" | "severity" | "value"
> {
  const label = METRIC_INFO[rule.metric].label;
  return {
    valueText: describeAlertValue(rule, alert.value),
    metricLabel: { en: label.en, ja: label.ja },
    cityName: { en: city.name, ja: city.nameJa },
    firedAt: firedAt.toISOString(),
    followUps: { ticket: rule.opensTicket, riskSignal: rule.opensRiskCase },
  };
}
