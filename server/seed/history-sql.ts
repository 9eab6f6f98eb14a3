import type { ClientBase } from "pg";

// Shared pieces of the seed's event history: the demo's tickets and risk cases were written as rows, and their
// domain events are derived from those rows afterwards in set-based statements, as the services would have
// recorded them (same types, payloads, actors), without deliveries: no consumer should act on history.

/**
 * A deterministic, time-ordered event id (the uuid7 layout: 48-bit millisecond time, version 7, variant 8), the
 * rest from a hash of `key`, so the same seed gives the same ids. `at` and `key` are SQL expressions.
 */
function seedUuidSql(at: string, key: string): string {
  return `(lpad(to_hex((extract(epoch FROM ${at}) * 1000)::bigint), 12, '0') || '7'
           || substr(md5(${key}), 1, 3) || '8' || substr(md5(${key}), 4, 15))::uuid`;
}

/** A timestamp column (UTC, the seed's session zone) as the ISO text the services put in payloads. */
export function isoSql(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * Inserts derived events, oldest first, so each aggregate's seq order is its history's order. `eventsSql` is a
 * query with columns aggregate_id, at, rank (orders events of one instant as the service records them), type,
 * payload (jsonb), actor_type, actor_id, key (unique per aggregate and instant). Events of one aggregate at one
 * instant share a correlation id, as one request's events do.
 */
export async function insertHistory(
  db: ClientBase,
  aggregateType: string,
  eventsSql: string,
  params: unknown[],
): Promise<number> {
  const result = await db.query(
    `WITH history AS (${eventsSql})
     INSERT INTO "DomainEvent" (id, type, "aggregateType", "aggregateId", payload, "actorType", "actorId",
                                "correlationId", "occurredAt")
     SELECT ${seedUuidSql("h.at", `'${aggregateType}:' || h.aggregate_id || ':' || h.type || ':' || h.key || ':' || h.at::text`)},
            h.type, '${aggregateType}', h.aggregate_id, h.payload, h.actor_type, h.actor_id,
            ${seedUuidSql("h.at", `'request:' || h.aggregate_id || ':' || h.at::text`)}::text, h.at
       FROM history h
      ORDER BY h.at, h.aggregate_id, h.rank`,
    params,
  );
  return result.rowCount ?? 0;
}

/**
 * Every seeded event's audit entry, as recordEvents writes it (the event's time, actor, type, aggregate and
 * payload), in seq order: the AuditLog_chain trigger chains them in the order they arrive. The seed runs on an
 * empty database, so every event there is the seed's.
 */
export async function auditSeededEvents(db: ClientBase): Promise<number> {
  const result = await db.query(
    `INSERT INTO "AuditLog" ("occurredAt", "actorType", "actorId", action, "entityType", "entityId", "eventId",
                             "correlationId", details)
     SELECT e."occurredAt", e."actorType", e."actorId", e.type, e."aggregateType", e."aggregateId", e.id,
            e."correlationId", e.payload
       FROM "DomainEvent" e
      ORDER BY e.seq`,
  );
  return result.rowCount ?? 0;
}
