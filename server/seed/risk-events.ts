import type { ClientBase } from "pg";
import { ESCALATION_TARGET, RISK_ESCALATION_POLICY } from "../risk/escalation.ts";
import { insertHistory, isoSql } from "./history-sql.ts";

// The seeded risk cases' histories, derived from their rows as the risk services record them: detected from its
// signals, escalated on a missed acknowledgement, acknowledged, its mitigation actions planned, started,
// completed (or cancelled when the case closed), and closed with its resolution.

const RISK_HISTORY = `
WITH risk_case AS (
  SELECT c.*, coalesce(c."ownerId", $1::uuid)::text AS handler FROM "RiskCase" c
)
SELECT c.id::text AS aggregate_id, c."openedAt" AS at, 0 AS rank, 'RiskDetected' AS type,
       jsonb_build_object('number', c.number, 'type', c.type, 'subjectType', c."subjectType",
                          'subjectId', c."subjectId", 'score', c.score, 'level', c.level,
                          'ruleSetVersion', c."ruleSetVersion",
                          'sourceEventIds', (SELECT coalesce(jsonb_agg(s."sourceEventId" ORDER BY s."observedAt", s.id), '[]')
                                               FROM "RiskSignal" s WHERE s."caseId" = c.id)) AS payload,
       'system' AS actor_type, NULL AS actor_id, 'detected' AS key
  FROM risk_case c
UNION ALL
SELECT c.id::text, c."escalatedAt", 1, 'RiskEscalated',
       jsonb_build_object('number', c.number, 'type', c.type, 'level', c.level, 'target', $2::text,
                          'channel', $3::jsonb->>(c.level::text), 'openedAt', ${isoSql('c."openedAt"')}),
       'system', NULL, 'escalated'
  FROM risk_case c WHERE c."escalatedAt" IS NOT NULL
UNION ALL
SELECT c.id::text, c."acknowledgedAt", 2, 'RiskAcknowledged',
       jsonb_build_object('acknowledgedAt', ${isoSql('c."acknowledgedAt"')}, 'ownerId', c.handler,
                          'afterEscalation', coalesce(c."escalatedAt" <= c."acknowledgedAt", false)),
       'user', c.handler, 'acknowledged'
  FROM risk_case c WHERE c."acknowledgedAt" IS NOT NULL
UNION ALL
SELECT a."caseId"::text, s.at, 3 + s.rank, s.type, s.payload, 'user', coalesce(a."ownerId", c."ownerId")::text,
       a.id::text || s.type
  FROM "MitigationAction" a
  JOIN risk_case c ON c.id = a."caseId"
 CROSS JOIN LATERAL (VALUES
   (0, 'MitigationPlanned', a."createdAt",
    jsonb_build_object('actionId', a.id, 'kind', a.kind, 'status', 'todo', 'ownerId', a."ownerId",
                       'dueAt', ${isoSql('a."dueAt"')})),
   (1, 'MitigationStarted', a."startedAt",
    jsonb_build_object('actionId', a.id, 'kind', a.kind, 'from', 'todo', 'status', 'in_progress',
                       'result', NULL)),
   (2, 'MitigationCompleted', a."completedAt",
    jsonb_build_object('actionId', a.id, 'kind', a.kind, 'from', 'in_progress', 'status', 'completed',
                       'result', a.result)),
   (2, 'MitigationCancelled', CASE WHEN a.status = 'cancelled' THEN c."closedAt" END,
    jsonb_build_object('actionId', a.id, 'kind', a.kind, 'from', 'in_progress', 'status', 'cancelled',
                       'result', a.note))) AS s(rank, type, at, payload)
 WHERE s.at IS NOT NULL
UNION ALL
SELECT c.id::text, c."closedAt", 6, 'CaseClosed',
       jsonb_build_object('number', c.number, 'resolution', c.resolution, 'note', c."resolutionNote",
                          'score', c.score, 'level', c.level),
       'user', c.handler, 'closed'
  FROM risk_case c WHERE c."closedAt" IS NOT NULL`;

/** Records every seeded risk case's history; cases nobody owns were handled by the risk manager. */
export async function seedRiskEvents(db: ClientBase, riskManagerId: string | null): Promise<number> {
  const channels = Object.fromEntries(
    Object.entries(RISK_ESCALATION_POLICY).map(([level, policy]) => [level, policy.channel]),
  );
  return insertHistory(db, "risk_case", RISK_HISTORY, [
    riskManagerId,
    ESCALATION_TARGET,
    JSON.stringify(channels),
  ]);
}
