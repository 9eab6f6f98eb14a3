import { raw, sql, type Sql } from "../db/sql.ts";
import { EVENTS_CHANNEL } from "../events/record.ts";
import { SUBSCRIPTION_PAIRS } from "../events/subscriptions.ts";
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
  /** Tickets escalated for still waiting unassigned as their SLA neared. */
  unassignedEscalations: number;
  escalated: number;
  priorityBumped: number;
}

const BUMP = raw(bumpedPrioritySql("d.priority"));

/**
 * Locks up to `batch` tickets whose next SLA check is due (an index range scan on TicketSlaCheck, skipping rows
 * another sweep holds); marks each newly missed running target and escalates once per breach; escalates once a
 * ticket still waiting unassigned as its SLA nears (at risk); moves the next check on (or drops it); and records
 * SlaBreached + TicketEscalated events with their audit entries, consumer deliveries and NOTIFY, all in this
 * statement's transaction.
 * Breach and escalation marks are only set while null, so each is escalated exactly once however many sweeps
 * overlap. A ticket row is only rewritten when something is marked, and then in no indexed column, so the update
 * can stay on its page.
 */
export function sweepStatement(now: Date, correlationId: string, batch: number): Sql {
  return sql`
WITH locked AS (
  SELECT t.id, t.priority, t."escalationLevel" AS level, t."slaPausedAt", t."firstResponseDueAt", t."resolutionDueAt",
         t."slaAtRiskAt",
         (t."firstResponseBreachedAt" IS NULL AND t."firstRespondedAt" IS NULL AND t."resolvedAt" IS NULL) AS "frRunning",
         (t."resolutionBreachedAt" IS NULL AND t."resolvedAt" IS NULL) AS "resRunning",
         (t."assigneeId" IS NULL AND t."unassignedEscalatedAt" IS NULL) AS waiting
    FROM "TicketSlaCheck" c
    JOIN "Ticket" t ON t.id = c."ticketId"
   WHERE c."dueAt" <= ${now}
   ORDER BY c."dueAt"
   LIMIT ${batch}
     FOR UPDATE OF c, t SKIP LOCKED
), due AS (
  -- coalesce: a missing instant (no at-risk mark once both targets stopped) means "not reached", never NULL.
  SELECT l.*,
         coalesce(l."frRunning" AND l."slaPausedAt" IS NULL AND l."firstResponseDueAt" <= ${now}, FALSE) AS fr,
         coalesce(l."resRunning" AND l."slaPausedAt" IS NULL AND l."resolutionDueAt" <= ${now}, FALSE) AS res,
         coalesce(l.waiting AND l."slaPausedAt" IS NULL AND l."slaAtRiskAt" <= ${now}, FALSE) AS near
    FROM locked l
), planned AS (
  SELECT d.*, CASE WHEN d."slaPausedAt" IS NOT NULL THEN NULL ELSE LEAST(
           CASE WHEN d."frRunning" AND NOT d.fr THEN d."firstResponseDueAt" END,
           CASE WHEN d."resRunning" AND NOT d.res THEN d."resolutionDueAt" END,
           CASE WHEN d.waiting AND NOT d.near THEN d."slaAtRiskAt" END) END AS "nextCheckAt"
    FROM due d
), rescheduled AS (
  -- Every row exists (it is locked above): an upsert moves each one by a primary-key probe, where an UPDATE
  -- joined to the CTE tempts the planner into scanning the whole work list.
  INSERT INTO "TicketSlaCheck" ("ticketId", "dueAt")
  SELECT p.id, p."nextCheckAt" FROM planned p WHERE p."nextCheckAt" IS NOT NULL
  ON CONFLICT ("ticketId") DO UPDATE SET "dueAt" = excluded."dueAt"
), finished AS (
  DELETE FROM "TicketSlaCheck" c
   USING planned p
   WHERE c."ticketId" = p.id AND p."nextCheckAt" IS NULL
), updated AS (
  UPDATE "Ticket" t SET
    "firstResponseBreachedAt" = CASE WHEN d.fr THEN ${now} ELSE t."firstResponseBreachedAt" END,
    "resolutionBreachedAt" = CASE WHEN d.res THEN ${now} ELSE t."resolutionBreachedAt" END,
    "unassignedEscalatedAt" = CASE WHEN d.near THEN ${now} ELSE t."unassignedEscalatedAt" END,
    "escalationLevel" = t."escalationLevel" + d.near::int + d.fr::int + d.res::int,
    "escalatedAt" = ${now},
    priority = CASE WHEN d.res THEN ${BUMP} ELSE t.priority END,
    version = t.version + 1,
    "updatedAt" = ${now}
  FROM due d
  WHERE t.id = d.id AND (d.fr OR d.res OR d.near)
  RETURNING t.id, d.near, d.fr, d.res, d.level, d.priority AS "from", t.priority AS "to"
), escalations AS (
  -- In the order they count up the level: waiting unassigned, first response, resolution.
  SELECT u.id, k.kind, u.level + k.step AS level,
         u."from", CASE WHEN k.kind = 'resolution' THEN u."to" ELSE u."from" END AS "to"
    FROM updated u
   CROSS JOIN LATERAL (VALUES
     ('unassigned_at_risk', u.near, 1),
     ('first_response', u.fr, u.near::int + 1),
     ('resolution', u.res, u.near::int + u.fr::int + 1)) AS k(kind, hit, step)
   WHERE k.hit
), events AS (
  INSERT INTO "DomainEvent" (id, type, "aggregateType", "aggregateId", payload, "actorType", "actorId", "correlationId", "occurredAt")
  SELECT gen_random_uuid(), e.type, 'ticket', x.id::text, e.payload, 'system', NULL, ${correlationId}, ${now}
    FROM escalations x
   CROSS JOIN LATERAL (VALUES
     ('SlaBreached', jsonb_build_object('kind', x.kind, 'breachedAt', ${now.toISOString()}::text)),
     ('TicketEscalated', jsonb_build_object('kind', x.kind, 'level', x.level, 'fromPriority', x."from"::text,
                                            'toPriority', x."to"::text))) AS e(type, payload)
   -- Nearing the SLA is no breach: only its escalation is recorded.
   WHERE e.type = 'TicketEscalated' OR x.kind <> 'unassigned_at_risk'
  RETURNING id, seq, type, "aggregateId", payload
), delivered AS (
  -- The events' deliveries to their subscribed consumers, as recordEvents writes them.
  INSERT INTO "EventDelivery" (consumer, "eventSeq", "eventId", "eventType", "aggregateKey")
  SELECT s.consumer, e.seq, e.id, e.type, 'ticket:' || e."aggregateId"
    FROM events e
    JOIN unnest(${SUBSCRIPTION_PAIRS.consumers}::text[], ${SUBSCRIPTION_PAIRS.types}::text[]) AS s(consumer, type)
      ON s.type = e.type
  RETURNING 1
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
SELECT (SELECT count(*) FROM due)::int AS checked,
       (SELECT count(*) FROM updated WHERE fr)::int AS "firstResponseBreaches",
       (SELECT count(*) FROM updated WHERE res)::int AS "resolutionBreaches",
       (SELECT count(*) FROM updated WHERE near)::int AS "unassignedEscalations",
       (SELECT count(*) FROM updated)::int AS escalated,
       (SELECT count(*) FROM updated WHERE res AND "to" <> "from")::int AS "priorityBumped",
       (SELECT n FROM notified)::int AS notified`;
}
