import type { ClientBase } from "pg";
import { describeAlertValue } from "../alerts/event-payload.ts";
import type { AlertTriggeredPayload } from "../events/payloads.ts";
import { SUBSCRIPTION_PAIRS } from "../events/subscriptions.ts";
import { METRIC_INFO, type Metric } from "../indicators/metrics.ts";
import type { Rng } from "./random.ts";
import { insertRows } from "./sql.ts";

// The seeded alerts that are firing were announced when they fired: their AlertTriggered events, with the
// deliveries to the consumers recordEvents would have written. So a fresh console's consumers open the firing
// alerts' tickets (and risk signals) within seconds of `npm start`, exactly as for a live alert.

interface FiringAlert {
  id: string;
  ruleId: string;
  ruleName: string;
  kind: "threshold" | "change" | "no_data";
  metric: Metric;
  severity: AlertTriggeredPayload["severity"];
  value: number | null;
  firedAt: Date;
  cityId: string;
  cityCode: string;
  cityName: string;
  cityNameJa: string;
  opensTicket: boolean;
  opensRiskCase: boolean;
}

export async function seedAlertEvents(db: ClientBase, rng: Rng): Promise<void> {
  const { rows } = await db.query<FiringAlert>(
    `SELECT a.id::text, r.id::text AS "ruleId", r.name AS "ruleName", r.kind::text, r.metric::text,
            a.severity::text, a.value, a."firedAt", c.id::text AS "cityId", c.code AS "cityCode",
            c.name AS "cityName", c."nameJa" AS "cityNameJa", r."opensTicket", r."opensRiskCase"
       FROM "Alert" a JOIN "AlertRule" r ON r.id = a."ruleId" JOIN "City" c ON c.id = a."cityId"
      WHERE a.state = 'firing' AND a."firedAt" IS NOT NULL
      ORDER BY a."firedAt"`,
  );
  const events = rows.map((alert) => {
    const label = METRIC_INFO[alert.metric].label;
    const payload: AlertTriggeredPayload = {
      alertId: alert.id,
      ruleId: alert.ruleId,
      ruleName: alert.ruleName,
      metric: alert.metric,
      cityId: alert.cityId,
      city: alert.cityCode,
      severity: alert.severity,
      value: alert.value,
      valueText: describeAlertValue(alert, alert.value),
      metricLabel: { en: label.en, ja: label.ja },
      cityName: { en: alert.cityName, ja: alert.cityNameJa },
      firedAt: alert.firedAt.toISOString(),
      followUps: { ticket: alert.opensTicket, riskSignal: alert.opensRiskCase },
    };
    return {
      id: rng.uuid7(alert.firedAt),
      type: "AlertTriggered",
      aggregateType: "alert",
      aggregateId: alert.id,
      payload: { ...payload, state: "firing" },
      actorType: "system",
      correlationId: rng.uuid7(alert.firedAt),
      occurredAt: alert.firedAt,
    };
  });
  await insertRows(db, "DomainEvent", events);
  await db.query(
    `INSERT INTO "EventDelivery" (consumer, "eventSeq", "eventId", "eventType", "aggregateKey")
     SELECT s.consumer, e.seq, e.id, e.type, e."aggregateType" || ':' || e."aggregateId"
       FROM "DomainEvent" e JOIN unnest($1::text[], $2::text[]) AS s(consumer, type) ON s.type = e.type
      WHERE e.id = ANY($3::uuid[])`,
    [SUBSCRIPTION_PAIRS.consumers, SUBSCRIPTION_PAIRS.types, events.map((event) => event.id)],
  );
}
