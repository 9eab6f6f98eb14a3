import { randomUUID } from "node:crypto";
import type { AlertTriggeredPayload } from "../../server/events/payloads.ts";

/** An AlertTriggered payload of a made-up city and rule, as the alert engine records it (on-call tests, bench). */
export function alertTriggeredPayload(
  firedAt: Date,
  overrides: Partial<AlertTriggeredPayload> = {},
): AlertTriggeredPayload {
  return {
    alertId: randomUUID(),
    ruleId: randomUUID(),
    ruleName: "Delivery time above 45 min",
    metric: "avg_delivery_minutes",
    cityId: randomUUID(),
    city: "TST",
    severity: "critical",
    value: 58,
    valueText: "58 min",
    metricLabel: { en: "Average delivery time", ja: "平均配達時間" },
    cityName: { en: "Testville", ja: "テスト市" },
    firedAt: firedAt.toISOString(),
    followUps: { ticket: false, riskSignal: false },
    ...overrides,
  };
}
