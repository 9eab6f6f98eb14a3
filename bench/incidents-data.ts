import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { DomainEventInput } from "../server/events/record.ts";
import { alertTriggeredPayload } from "../tests/support/alert-payload.ts";

// bench:incidents' data: a stream of member events as the console's producers record them (tickets about
// restaurants in a few cities, risk signals about couriers, city alerts firing), and one incident of thousands
// of members for the room.

const CITIES = Array.from({ length: 10 }, () => randomUUID());
const ALERT_RULES = Array.from({ length: 4 }, () => randomUUID());
const RESTAURANTS = 400;
const COURIERS = 300;
const CATEGORIES = ["delivery_delay", "order_issue", "missing_item", "refund_request", "payment"];
const RISK_TYPES = ["delivery_fraud", "courier_safety", "refund_abuse"];

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;

/** The n-th member event: 8 in 10 a ticket, 1 a risk signal, 1 an alert firing. */
export function memberEvent(n: number): DomainEventInput {
  const cityId = pick(CITIES, n * 7);
  if (n % 10 === 8) {
    return {
      type: "RiskDetected",
      aggregateType: "risk_case",
      aggregateId: randomUUID(),
      payload: {
        type: pick(RISK_TYPES, n),
        subjectType: "courier",
        subjectId: `courier-${(n * 13) % COURIERS}`,
        cityId,
      },
    };
  }
  if (n % 10 === 9) {
    const alertId = randomUUID();
    return {
      type: "AlertTriggered",
      aggregateType: "alert",
      aggregateId: alertId,
      payload: alertTriggeredPayload(new Date(), {
        alertId,
        ruleId: pick(ALERT_RULES, n),
        ruleName: "Slow deliveries",
        cityId,
        city: "OSA",
        severity: "warning",
        value: 48,
        valueText: "48 min",
        cityName: { en: "Osaka", ja: "大阪" },
      }),
    };
  }
  return {
    type: "TicketCreated",
    aggregateType: "ticket",
    aggregateId: randomUUID(),
    payload: {
      number: n,
      priority: "P3",
      category: pick(CATEGORIES, n),
      source: "consumer",
      cityId,
      // A few restaurants take most of the complaints, as a bad evening does.
      restaurantId: `restaurant-${n % 3 === 0 ? n % 8 : (n * 31) % RESTAURANTS}`,
      requesterKey: `requester-${n}`,
    },
  };
}

/**
 * One open incident of `members` tickets (with their TicketCreated events, which the room's timeline reads),
 * written with plain SQL; returns its id.
 */
export async function incidentWithMembers(raw: pg.Client, members: number): Promise<string> {
  const now = new Date();
  const { rows } = await raw.query<{ id: string }>(
    `INSERT INTO "Incident" (id, title, priority, state, "restaurantId", "declaredVia", "respondDueAt",
                             "mitigateDueAt", "windowStart", "createdAt", "updatedAt")
     VALUES (gen_random_uuid(), 'Many tickets about restaurant bench-1', 'P2', 'investigating', 'bench-1',
             'correlation', $1, $1, $1, $1, $1)
     RETURNING id::text`,
    [now],
  );
  const id = rows[0]!.id;
  await raw.query(
    `WITH member AS (
       SELECT gen_random_uuid() AS ticket, n FROM generate_series(1, $2::int) AS n
     ), event AS (
       INSERT INTO "DomainEvent" (id, type, "aggregateType", "aggregateId", payload, "actorType", "correlationId",
                                  "occurredAt")
       SELECT gen_random_uuid(), 'TicketCreated', 'ticket', ticket::text,
              jsonb_build_object('number', n, 'category', 'delivery_delay', 'restaurantId', 'bench-1'),
              'system', gen_random_uuid()::text, $3::timestamp - (n * interval '1 second')
         FROM member
       RETURNING id, "aggregateId", "occurredAt"
     )
     INSERT INTO "IncidentMember" (id, "incidentId", kind, "memberId", "eventId", "correlationKey", label, "joinedAt")
     SELECT gen_random_uuid(), $1::uuid, 'ticket', "aggregateId", id, 'bench-1', 'delivery_delay', "occurredAt" FROM event`,
    [id, members, now],
  );
  await raw.query(`ANALYZE "IncidentMember"; ANALYZE "DomainEvent"`);
  return id;
}
