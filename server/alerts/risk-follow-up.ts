import type { Db } from "../db/client.ts";
import type { Metric } from "../cities/metrics.ts";
import { SYSTEM_ACTOR } from "../events/types.ts";
import { logger } from "../lib/logger.ts";
import type { SignalInput } from "../risk/contract.ts";
import { ingestSignals } from "../risk/ingest.ts";
import { alertsNeedingFollowUp, type AlertNeedingFollowUp } from "./repository.ts";

// A firing alert of a rule with `opensRiskCase` is handed to the risk engine as a signal (sourceEventId
// "alert:<id>", so it is taken once). The published risk rules decide whether it opens or joins a case: a
// city-wide spike of failed deliveries is evidence about the city's courier fleet, not a verdict.

const COURIER_METRICS: readonly Metric[] = ["delivery_failures", "supply", "avg_delivery_minutes"];

export function riskSignalFor(alert: AlertNeedingFollowUp): SignalInput {
  const courier = COURIER_METRICS.includes(alert.metric);
  return {
    sourceEventId: `alert:${alert.id}`,
    type: courier ? "delivery_fraud" : "order_anomaly",
    subjectType: courier ? "courier" : "order",
    // The city's courier fleet or order stream as a whole.
    subjectId: `${courier ? "fleet" : "orders"}:${alert.cityCode}`,
    attributes: {
      alertId: alert.id,
      rule: alert.ruleName.slice(0, 500),
      metric: alert.metric,
      severity: alert.severity,
      ...(alert.value === null ? {} : { value: alert.value }),
    },
    observedAt: alert.firedAt,
    cityId: alert.cityId,
  };
}

/** Sends the missing risk signals of firing alerts in these cities; failures are logged and retried next pass. */
export async function reconcileAlertRiskSignals(
  db: Db,
  cityIds: readonly string[],
  correlationId: string,
  now = new Date(),
) {
  const missing = await alertsNeedingFollowUp(db, cityIds, "riskSignal");
  if (missing.length === 0) return 0;
  try {
    const results = await ingestSignals(
      db,
      { actor: SYSTEM_ACTOR, correlationId },
      missing.map(riskSignalFor),
      now,
    );
    return results.filter((result) => !result.duplicate).length;
  } catch (error) {
    logger.warn(
      { err: error, alerts: missing.map((alert) => alert.id) },
      "could not hand alerts to the risk engine; will retry",
    );
    return 0;
  }
}
