import type { ClientBase } from "pg";
import { insertHistory, isoSql } from "./history-sql.ts";
import type { SeededTicket } from "./ticket-activity.ts";

// The seeded tickets' histories, derived from their rows as the ticket services record them: created (and routed),
// taken by hand, answered publicly (new → open), waiting on the requester (pending), resolved, closed; every
// comment; and the SLA sweep's breaches and escalations (only those it noticed before the target stopped: a late
// answer marks its own breach without an event).

const TICKET_HISTORY = `
WITH ticket AS (
  SELECT t.*, coalesce(p.priority, t.priority::text) AS created_priority,
         (SELECT c."authorId" FROM "TicketComment" c
           WHERE c."ticketId" = t.id AND c.visibility = 'public' AND c."createdAt" = t."firstRespondedAt"
           ORDER BY c.id LIMIT 1) AS responder
    FROM "Ticket" t
    LEFT JOIN unnest($1::uuid[], $2::text[]) AS p(id, priority) ON p.id = t.id
), escalation AS (
  SELECT t.id, t.priority::text AS final_priority, t.created_priority, k.kind, k.at, k.step,
         row_number() OVER (PARTITION BY t.id ORDER BY k.at, k.step) AS level,
         -- The sweep raises the priority once, on the resolution breach.
         max(k.at) FILTER (WHERE k.kind = 'resolution') OVER (PARTITION BY t.id) AS raised_at
    FROM ticket t
   CROSS JOIN LATERAL (VALUES
     ('unassigned_at_risk', t."unassignedEscalatedAt", 0),
     ('first_response', CASE WHEN t."firstResponseBreachedAt" < coalesce(t."firstRespondedAt", 'infinity')
                             THEN t."firstResponseBreachedAt" END, 1),
     ('resolution', CASE WHEN t."resolutionBreachedAt" < coalesce(t."resolvedAt", 'infinity')
                         THEN t."resolutionBreachedAt" END, 2)) AS k(kind, at, step)
   WHERE k.at IS NOT NULL
)
SELECT t.id::text AS aggregate_id, t."createdAt" AS at, 0 AS rank, 'TicketCreated' AS type,
       jsonb_build_object('number', t.number, 'priority', t.created_priority, 'category', t.category,
                          'source', t.source, 'teamId', t."teamId", 'cityId', t."cityId",
                          'externalId', t."externalId",
                          'firstResponseDueAt', ${isoSql('t."firstResponseDueAt"')}) AS payload,
       'system' AS actor_type, NULL AS actor_id, 'created' AS key
  FROM ticket t
UNION ALL
-- Routed when it came in.
SELECT a."ticketId"::text, a."createdAt", 1, 'TicketAssigned',
       jsonb_build_object('from', NULL, 'to', a."assigneeId", 'decidedBy', 'auto', 'rule', a.reason->>'rule'),
       'system', NULL, a.id::text
  FROM "TicketAssignment" a
UNION ALL
-- Answered: the first public reply opens the ticket.
SELECT t.id::text, t."firstRespondedAt", 2, 'TicketStatusUpdated', jsonb_build_object('from', 'new', 'to', 'open'),
       'user', coalesce(t.responder, t."assigneeId")::text, 'answered'
  FROM ticket t WHERE t."firstRespondedAt" IS NOT NULL
UNION ALL
-- Taken by hand with that answer, when routing had not given it to anyone.
SELECT t.id::text, t."firstRespondedAt", 4, 'TicketAssigned',
       jsonb_build_object('from', NULL, 'to', t."assigneeId", 'decidedBy', 'manual'),
       'user', t."assigneeId"::text, 'taken'
  FROM ticket t
 WHERE t."assigneeId" IS NOT NULL AND t."firstRespondedAt" IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM "TicketAssignment" a WHERE a."ticketId" = t.id)
UNION ALL
SELECT t.id::text, t."slaPausedAt", 2, 'TicketStatusUpdated', jsonb_build_object('from', 'open', 'to', 'pending'),
       'user', coalesce(t."assigneeId", t.responder)::text, 'pending'
  FROM ticket t WHERE t."slaPausedAt" IS NOT NULL
UNION ALL
SELECT t.id::text, t."resolvedAt", r.rank, r.type, r.payload, 'user', coalesce(t."assigneeId", t.responder)::text,
       r.type
  FROM ticket t
 CROSS JOIN LATERAL (VALUES
   (2, 'TicketStatusUpdated', jsonb_build_object('from', 'open', 'to', 'resolved')),
   (3, 'TicketResolved', jsonb_build_object('resolvedAt', ${isoSql('t."resolvedAt"')}))) AS r(rank, type, payload)
 WHERE t."resolvedAt" IS NOT NULL
UNION ALL
-- Resolved tickets close on their own after a quiet while.
SELECT t.id::text, t."closedAt", 2, 'TicketStatusUpdated', jsonb_build_object('from', 'resolved', 'to', 'closed'),
       'system', NULL, 'closed'
  FROM ticket t WHERE t."closedAt" IS NOT NULL
UNION ALL
SELECT c."ticketId"::text, c."createdAt", 5, 'TicketCommented',
       jsonb_build_object('commentId', c.id, 'visibility', c.visibility), 'user', c."authorId"::text, c.id::text
  FROM "TicketComment" c
UNION ALL
SELECT e.id::text, e.at, 6 + s.rank, s.type, s.payload, 'system', NULL, e.kind
  FROM escalation e
 CROSS JOIN LATERAL (
   SELECT CASE WHEN e.raised_at IS NOT NULL AND e.at > e.raised_at THEN e.final_priority
               ELSE e.created_priority END AS before) AS p
 CROSS JOIN LATERAL (VALUES
   (0, 'SlaBreached', jsonb_build_object('kind', e.kind, 'breachedAt', ${isoSql("e.at")})),
   (1, 'TicketEscalated', jsonb_build_object('kind', e.kind, 'level', e.level, 'fromPriority', p.before,
                                              'toPriority', CASE WHEN e.kind = 'resolution' THEN e.final_priority
                                                                 ELSE p.before END))) AS s(rank, type, payload)
 -- Nearing the SLA unassigned is no breach: only its escalation is recorded.
 WHERE s.type = 'TicketEscalated' OR e.kind <> 'unassigned_at_risk'`;

/** Records every seeded ticket's history; the tickets say which were created at a lower priority than today's. */
export async function seedTicketEvents(db: ClientBase, tickets: readonly SeededTicket[]): Promise<number> {
  const raised = tickets.filter((t) => t.createdPriority !== t.times.priority);
  return insertHistory(db, "ticket", TICKET_HISTORY, [
    raised.map((t) => t.id),
    raised.map((t) => t.createdPriority),
  ]);
}
