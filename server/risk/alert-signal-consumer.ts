import type { EventHandler } from "../events/delivered-event.ts";
import { alertTriggeredPayload, type AlertTriggeredPayload } from "../events/payloads.ts";
import type { SignalInput } from "./contract.ts";
import { ingestSignals } from "./ingest.ts";

// A firing alert of a rule with `opensRiskCase` is handed to the risk engine as a signal (sourceEventId
// "alert:<id>", so a redelivery is taken once). The published risk rules decide whether it opens or joins a case:
// a city-wide spike of failed deliveries is evidence about the city's courier fleet, not a verdict.

const COURIER_METRICS: readonly string[] = ["delivery_failures", "supply", "avg_delivery_minutes"];

function riskSignalForAlert(alert: AlertTriggeredPayload): SignalInput {
  const courier = COURIER_METRICS.includes(alert.metric);
  return {
    sourceEventId: `alert:${alert.alertId}`,
    type: courier ? "delivery_fraud" : "order_anomaly",
    subjectType: courier ? "courier" : "order",
    // The city's courier fleet or order stream as a whole.
    subjectId: `${courier ? "fleet" : "orders"}:${alert.city}`,
    attributes: {
      alertId: alert.alertId,
      rule: alert.ruleName.slice(0, 500),
      metric: alert.metric,
      severity: alert.severity,
      ...(alert.value === null ? {} : { value: alert.value }),
    },
    observedAt: new Date(alert.firedAt),
    cityId: alert.cityId,
  };
}

export const sendRiskSignalForAlert: EventHandler = async (db, context, event) => {
  const alert = alertTriggeredPayload.parse(event.payload);
  if (!alert.followUps.riskSignal) return "rule sends no risk signal";
  const [result] = await ingestSignals(db, context, { signals: [riskSignalForAlert(alert)] });
  return result?.duplicate ? "signal already taken" : "signal sent";
};
