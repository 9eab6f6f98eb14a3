import type { Queryable } from "../db/transaction.ts";

// Reads behind provider acknowledgements: whether a provider's event was already recorded (the event log is the
// record), and which escalation last paged the object (from the outbox).

export async function acknowledgementRecorded(
  db: Queryable,
  objectType: string,
  objectId: string,
  providerEventId: string,
): Promise<boolean> {
  const rows = await db.$queryRaw<{ found: number }[]>`
    SELECT 1 AS found FROM "DomainEvent"
     WHERE "aggregateType" = ${objectType} AND "aggregateId" = ${objectId} AND type = 'NotificationAcknowledged'
       AND payload->>'providerEventId' = ${providerEventId}
     LIMIT 1`;
  return rows.length > 0;
}

export async function latestEscalationOf(
  db: Queryable,
  objectType: string,
  objectId: string,
): Promise<string | null> {
  const row = await db.notificationDelivery.findFirst({
    where: { objectType, objectId, escalationId: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { escalationId: true },
  });
  return row?.escalationId ?? null;
}

/**
 * The object's latest PagerDuty trigger that was not cancelled before it went out: what an acknowledge or resolve
 * repeats (title, severity, link).
 */
export const latestPagerdutyTrigger = (db: Queryable, objectType: string, objectId: string) =>
  db.notificationDelivery.findFirst({
    where: {
      objectType,
      objectId,
      channelKind: "pagerduty",
      action: "trigger",
      status: { not: "cancelled" },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, severity: true, title: true, path: true },
  });
