import type { Db } from "../db/client.ts";
import { formatMetricValue, METRIC_INFO } from "../cities/metrics.ts";
import { SYSTEM_ACTOR } from "../events/types.ts";
import { logger } from "../lib/logger.ts";
import { createTicket } from "../tickets/create.ts";
import type { CreateTicketInput } from "../tickets/contract.ts";
import { formatPercentChange } from "./condition.ts";
import { alertsNeedingFollowUp, type AlertNeedingFollowUp } from "./repository.ts";
import { reconcileAlertRiskSignals } from "./risk-follow-up.ts";
import type { Severity } from "./rules.ts";

// A firing alert of a rule with `opensTicket` gets one support ticket, opened through the tickets service
// (routing, SLA clocks, TicketCreated). That service runs its own transaction, so the ticket follows the alert's
// commit rather than sharing it: every evaluation pass reconciles the cities it touched, and the alert id as
// the ticket's externalId makes retries and overlapping passes open exactly one.

const PRIORITY: Record<Severity, CreateTicketInput["priority"]> = {
  critical: "P1",
  warning: "P2",
  info: "P3",
};

export const ticketExternalId = (alertId: string) => `alert:${alertId}`;

function describeValue(alert: AlertNeedingFollowUp): string {
  if (alert.value === null) return "";
  if (alert.kind === "change") return formatPercentChange(alert.value, "en");
  if (alert.kind === "no_data") return `${alert.value} min without data`;
  return formatMetricValue(alert.metric, alert.value, "en");
}

export function ticketFor(alert: AlertNeedingFollowUp): CreateTicketInput {
  const value = describeValue(alert);
  const metric = METRIC_INFO[alert.metric].label;
  return {
    externalId: ticketExternalId(alert.id),
    subject: `[${alert.severity}] ${alert.cityName}: ${alert.ruleName}`.slice(0, 200),
    description: [
      `${alert.cityNameJa}で「${alert.ruleName}」のアラートが発生しました（${metric.ja}${value ? `：${value}` : ""}）。`,
      `Alert "${alert.ruleName}" fired in ${alert.cityName} (${metric.en}${value ? `: ${value}` : ""}).`,
      "",
      `Alert ${alert.id} · rule ${alert.ruleId} · fired ${alert.firedAt.toISOString()}`,
    ].join("\n"),
    priority: PRIORITY[alert.severity],
    category: "delivery_delay",
    source: "internal",
    language: "ja",
    cityId: alert.cityId,
    requesterName: "Ops Console alerts",
  };
}

/** Opens the missing tickets of firing alerts in these cities; failures are logged and retried next pass. */
async function reconcileAlertTickets(
  db: Db,
  cityIds: readonly string[],
  correlationId: string,
  now = new Date(),
) {
  const missing = await alertsNeedingFollowUp(db, cityIds, "ticket");
  let opened = 0;
  for (const alert of missing) {
    try {
      const caller = {
        user: null,
        events: { actor: SYSTEM_ACTOR, correlationId, causationId: alert.triggeredEventId ?? undefined },
      };
      if ((await createTicket(db, caller, ticketFor(alert), now)).created) opened += 1;
    } catch (error) {
      logger.warn({ err: error, alertId: alert.id }, "could not open the alert's ticket; will retry");
    }
  }
  return opened;
}

/** Every follow-up the fired alerts of these cities still lack: tickets, then risk signals. */
export async function reconcileFollowUps(
  db: Db,
  cityIds: readonly string[],
  correlationId: string,
  now = new Date(),
) {
  const tickets = await reconcileAlertTickets(db, cityIds, correlationId, now);
  const riskSignals = await reconcileAlertRiskSignals(db, cityIds, correlationId, now);
  return { tickets, riskSignals };
}
