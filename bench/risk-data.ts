import type pg from "pg";

// Bulk data for the risk benchmark, written with set-based SQL: the list query is measured, not the loading.

const LEVELS_BY_SCORE = `CASE WHEN score >= 90 THEN 'critical' WHEN score >= 70 THEN 'high' WHEN score >= 40 THEN 'medium' ELSE 'low' END`;

/** `count` cases spread over types, levels, statuses and owners, each with 1–3 signals. */
export async function insertBulkCases(
  client: pg.Client,
  count: number,
  ownerIds: readonly string[],
): Promise<void> {
  await client.query(
    `WITH raw AS (
       SELECT n, (random() * 100)::int AS score, random() AS r,
              (ARRAY['order_anomaly','refund_abuse','payment_anomaly','account_takeover','delivery_fraud','courier_safety','restaurant_collusion'])[1 + n % 7] AS type
         FROM generate_series(1, $1::int) AS n
     )
     INSERT INTO "RiskCase" (id, type, "subjectType", "subjectId", status, "openKey", score, level, contributions,
                             "ruleSetVersion", queue, "ownerId", "ackDueAt", "openedAt", "updatedAt", "closedAt", resolution)
     SELECT gen_random_uuid(), type::"RiskType", 'consumer', 'bench_' || n,
            (CASE WHEN r < 0.4 THEN 'open' WHEN r < 0.6 THEN 'mitigating' ELSE 'closed' END)::"RiskCaseStatus",
            CASE WHEN r < 0.6 THEN 'consumer:bench_' || n || ':' || type END,
            score, (${LEVELS_BY_SCORE})::"RiskLevel",
            jsonb_build_array(jsonb_build_object('ruleId', 'bench_rule', 'label', 'Bench rule', 'points', score,
                                                 'matchedSignals', 1, 'capped', false)),
            1, 'risk-triage', ($2::uuid[])[1 + n % (array_length($2::uuid[], 1) + 1)],
            now() + interval '15 minutes', now() - (n || ' seconds')::interval, now(),
            CASE WHEN r >= 0.6 THEN now() END, CASE WHEN r >= 0.6 THEN 'mitigated'::"RiskResolution" END
       FROM raw`,
    [count, ownerIds],
  );
  await client.query(
    `INSERT INTO "RiskSignal" (id, "sourceEventId", type, "subjectType", "subjectId", attributes, "observedAt", "caseId")
     SELECT gen_random_uuid(), 'bench_' || c.number || '_' || k, c.type, c."subjectType", c."subjectId", '{"amountJpy": 1000}'::jsonb,
            c."openedAt", c.id
       FROM "RiskCase" c CROSS JOIN LATERAL generate_series(1, 1 + c.number % 3) AS k
      WHERE c."subjectId" LIKE 'bench_%'`,
  );
  await client.query(`ANALYZE "RiskCase"; ANALYZE "RiskSignal"`);
}

/** The list query of the console's default view (open or mitigating, by level then score), hand-written. */
export const RAW_LIST_SQL = `
  SELECT c.id, c.number, c.type, c."subjectType", c."subjectId", c.status, c.score, c.level, c."ruleSetVersion",
         c.contributions, c."openedAt", c."ackDueAt", c."acknowledgedAt", c."escalatedAt", c.queue, c."cityId",
         u.id AS "ownerId", u.name AS "ownerName",
         (SELECT count(*) FROM "RiskSignal" s WHERE s."caseId" = c.id)::int AS "signalCount"
    FROM "RiskCase" c LEFT JOIN "User" u ON u.id = c."ownerId"
   WHERE c.status IN ('open', 'mitigating')
   ORDER BY c.level DESC, c.score DESC, c.id DESC
   LIMIT 51`;
