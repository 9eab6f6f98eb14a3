import { Prisma } from "../db/generated/client.ts";
import { EVENTS_CHANNEL } from "../events/record.ts";
import { escalationForBreach } from "./sla-policy.ts";
import { TICKET_PRIORITIES, type TicketPriority } from "./types.ts";

// The SLA sweep as one statement. Its priority bump is generated from escalationForBreach, so the SQL and
// the domain function cannot disagree (sla-sweep-sql.test.ts and an integration test check both).

/** Priority after a resolution breach, for every priority (P1 stays P1: it has nowhere to go). */
export function resolutionBumpTable(): Record<TicketPriority, TicketPriority> {
  return Object.fromEntries(
    TICKET_PRIORITIES.map((p) => [p, escalationForBreach(p, "resolution").bumpPriorityTo ?? p]),
  ) as Record<TicketPriority, TicketPriority>;
}

/** SQL: the priority `column` is raised to after a resolution breach. */
export function bumpedPrioritySql(column: string): string {
  const table = resolutionBumpTable();
  const arms = TICKET_PRIORITIES.map((p) => `WHEN '${p}' THEN '${table[p]}'`).join(" ");
  return `(CASE ${column} ${arms} END)::"TicketPriority"`;
}

export interface SweepRow {
  checked: number;
  firstResponseBreaches: number;
  resolutionBreaches: number;
  escalated: number;
  priorityBumped: number;
}

const BUMP = Prisma.raw(bumpedPrioritySql("d.priority"));

/**
 * Locks up to `batch` tickets whose next SLA check is due (an index range scan on slaNextCheckAt, skipping rows
 * another sweep holds), marks each newly missed running target, escalates once per breach, moves the next
 * check to the next unmarked deadline, and records SlaBreached + TicketEscalated events with their audit
 * entries and NOTIFY, all in this statement's transaction. Breach columns are only set while null, so a
 * breach is escalated exactly once however many sweeps overlap.
 */
export function sweepStatement(now: Date, correlationId: string, batch: number): Prisma.Sql {
  return Prisma.sql`
WITH due AS (
  SELECT t.id, t.priority, t."escalationLevel" AS level,
         (t."firstResponseBreachedAt" IS NULL AND t."firstRespondedAt" IS NULL AND t."resolvedAt" IS NULL
          AND t."slaPausedAt" IS NULL AND t."firstResponseDueAt" <= ${now}) AS fr,
         (t."resolutionBreachedAt" IS NULL AND t."resolvedAt" IS NULL
          AND t."slaPausedAt" IS NULL AND t."resolutionDueAt" <= ${now}) AS res
    FROM "Ticket" t
   WHERE t."slaNextCheckAt" <= ${now}
   ORDER BY t."slaNextCheckAt"
   LIMIT ${batch}
     FOR UPDATE SKIP LOCKED
), updated AS (
  UPDATE "Ticket" t SET
    "firstResponseBreachedAt" = CASE WHEN d.fr THEN ${now} ELSE t."firstResponseBreachedAt" END,
    "resolutionBreachedAt" = CASE WHEN d.res THEN ${now} ELSE t."resolutionBreachedAt" END,
    "escalationLevel" = t."escalationLevel" + d.fr::int + d.res::int,
    "escalatedAt" = CASE WHEN d.fr OR d.res THEN ${now} ELSE t."escalatedAt" END,
    priority = CASE WHEN d.res THEN ${BUMP} ELSE t.priority END,
    "slaNextCheckAt" = CASE WHEN t."slaPausedAt" IS NOT NULL THEN NULL ELSE LEAST(
      CASE WHEN NOT d.fr AND t."firstResponseBreachedAt" IS NULL AND t."firstRespondedAt" IS NULL
                AND t."resolvedAt" IS NULL THEN t."firstResponseDueAt" END,
      CASE WHEN NOT d.res AND t."resolutionBreachedAt" IS NULL AND t."resolvedAt" IS NULL
           THEN t."resolutionDueAt" END) END,
    version = t.version + CASE WHEN d.fr OR d.res THEN 1 ELSE 0 END,
    "updatedAt" = CASE WHEN d.fr OR d.res THEN ${now} ELSE t."updatedAt" END
  FROM due d
  WHERE t.id = d.id
  RETURNING t.id, d.fr, d.res, d.level, d.priority AS "from", t.priority AS "to"
), breaches AS (
  SELECT u.id, k.ord, k.kind, u.level + CASE WHEN k.kind = 'resolution' THEN u.fr::int + 1 ELSE 1 END AS level,
         u."from", CASE WHEN k.kind = 'resolution' THEN u."to" ELSE u."from" END AS "to"
    FROM updated u
   CROSS JOIN LATERAL (VALUES (1, 'first_response', u.fr), (2, 'resolution', u.res)) AS k(ord, kind, hit)
   WHERE k.hit
), events AS (
  INSERT INTO "DomainEvent" (id, type, "aggregateType", "aggregateId", payload, "actorType", "actorId", "correlationId", "occurredAt")
  SELECT gen_random_uuid(), e.type, 'ticket', b.id::text, e.payload, 'system', NULL, ${correlationId}, ${now}
    FROM breaches b
   CROSS JOIN LATERAL (VALUES
     (1, 'SlaBreached', jsonb_build_object('kind', b.kind, 'breachedAt', ${now.toISOString()}::text)),
     (2, 'TicketEscalated', jsonb_build_object('kind', b.kind, 'level', b.level, 'fromPriority', b."from"::text,
                                                'toPriority', b."to"::text))) AS e(ord, type, payload)
  RETURNING id, seq, type, "aggregateId", payload
), audited AS (
  INSERT INTO "AuditLog" ("actorType", "actorId", action, "entityType", "entityId", "eventId", "correlationId", details, "occurredAt")
  SELECT 'system', NULL, e.type, 'ticket', e."aggregateId", e.id, ${correlationId}, e.payload, ${now}
    FROM events e
  RETURNING 1
), notified AS (
  -- A plain SELECT in WITH runs only when referenced: the final SELECT reads it.
  SELECT count(pg_notify(${EVENTS_CHANNEL}, json_build_object('seq', e.seq::text, 'type', e.type,
                                                               'aggregateType', 'ticket', 'aggregateId', e."aggregateId")::text)) AS n
    FROM events e
)
SELECT (SELECT count(*) FROM updated)::int AS checked,
       (SELECT count(*) FROM updated WHERE fr)::int AS "firstResponseBreaches",
       (SELECT count(*) FROM updated WHERE res)::int AS "resolutionBreaches",
       (SELECT count(*) FROM updated WHERE fr OR res)::int AS escalated,
       (SELECT count(*) FROM updated WHERE res AND "to" <> "from")::int AS "priorityBumped",
       (SELECT n FROM notified)::int AS notified`;
}
