import type { EventHandler } from "../events/delivered-event.ts";
import { alertTriggeredPayload, type AlertTriggeredPayload } from "../events/payloads.ts";
import type { CreateTicketInput } from "./contract.ts";
import { createTicket } from "./create.ts";

// A firing alert whose rule asks for a ticket gets exactly one: the alert id is the ticket's externalId, so a
// redelivery of the same AlertTriggered answers with the ticket it opened the first time.

const PRIORITY: Record<AlertTriggeredPayload["severity"], CreateTicketInput["priority"]> = {
  critical: "P1",
  warning: "P2",
  info: "P3",
};

const alertTicketExternalId = (alertId: string) => `alert:${alertId}`;

function ticketForAlert(alert: AlertTriggeredPayload): CreateTicketInput {
  const value = alert.valueText;
  return {
    externalId: alertTicketExternalId(alert.alertId),
    subject: `[${alert.severity}] ${alert.cityName.en}: ${alert.ruleName}`.slice(0, 200),
    description: [
      `${alert.cityName.ja}で「${alert.ruleName}」のアラートが発生しました（${alert.metricLabel.ja}${value ? `：${value}` : ""}）。`,
      `Alert "${alert.ruleName}" fired in ${alert.cityName.en} (${alert.metricLabel.en}${value ? `: ${value}` : ""}).`,
      "",
      `Alert ${alert.alertId} · rule ${alert.ruleId} · fired ${alert.firedAt}`,
    ].join("\n"),
    priority: PRIORITY[alert.severity],
    category: "delivery_delay",
    source: "internal",
    language: "ja",
    city: alert.city,
    requesterName: "Ops Console alerts",
  };
}

export const openTicketForAlert: EventHandler = async (db, context, event) => {
  const alert = alertTriggeredPayload.parse(event.payload);
  if (!alert.followUps.ticket) return "rule opens no ticket";
  const { created, ticket } = await createTicket(db, context, ticketForAlert(alert));
  return `${created ? "opened" : "already had"} ticket ${ticket.number}`;
};
