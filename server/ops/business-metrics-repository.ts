import type { Db } from "../db/client.ts";

// The business figures /api/metrics reads at each scrape: one query per gauge family, each on an index
// (recent windows by resolvedAt / closedAt, open work by state, the newest indicator per city and metric by the
// indicator's key), so a scrape stays cheap at millions of rows.

export interface OpenTicketsRow {
  priority: string;
  count: number;
}

export interface SlaWindowRow {
  priority: string;
  resolved: number;
  /** Resolved without a first-response or resolution breach. */
  met: number;
}

export interface RiskHandlingRow {
  level: string;
  closed: number;
  meanHandlingSeconds: number;
  /** Mean time to acknowledge of the closed cases that were acknowledged; null when none was. */
  meanAckSeconds: number | null;
}

export interface AlertResolutionRow {
  city: string;
  resolved: number;
  meanResolutionSeconds: number;
}

export interface WorkflowBacklogRow {
  state: string;
  open: number;
  overdue: number;
}

export interface IndicatorFreshnessRow {
  city: string;
  lastUpdatedAt: Date;
}

export async function openTicketsByPriority(db: Db): Promise<OpenTicketsRow[]> {
  const rows = await db.ticket.groupBy({
    by: ["priority"],
    where: { status: { notIn: ["resolved", "closed"] } },
    _count: { _all: true },
  });
  return rows.map((row) => ({ priority: row.priority, count: row._count._all }));
}

export async function slaOutcomesSince(db: Db, since: Date): Promise<SlaWindowRow[]> {
  const rows = await db.$queryRaw<{ priority: string; resolved: bigint; met: bigint }[]>`
    SELECT priority::text AS priority, count(*) AS resolved,
           count(*) FILTER (WHERE "firstResponseBreachedAt" IS NULL AND "resolutionBreachedAt" IS NULL) AS met
      FROM "Ticket"
     WHERE "resolvedAt" >= ${since}
     GROUP BY priority`;
  return rows.map((row) => ({
    priority: row.priority,
    resolved: Number(row.resolved),
    met: Number(row.met),
  }));
}

export async function riskHandlingSince(db: Db, since: Date): Promise<RiskHandlingRow[]> {
  const rows = await db.$queryRaw<{ level: string; closed: bigint; handling: number; ack: number | null }[]>`
    SELECT level::text AS level, count(*) AS closed,
           avg(extract(epoch FROM "closedAt" - "openedAt"))::float8 AS handling,
           avg(extract(epoch FROM "acknowledgedAt" - "openedAt"))::float8 AS ack
      FROM "RiskCase"
     WHERE "closedAt" >= ${since}
     GROUP BY level`;
  return rows.map((row) => ({
    level: row.level,
    closed: Number(row.closed),
    meanHandlingSeconds: row.handling,
    meanAckSeconds: row.ack,
  }));
}

export async function alertResolutionSince(db: Db, since: Date): Promise<AlertResolutionRow[]> {
  const rows = await db.$queryRaw<{ city: string; resolved: bigint; resolution: number }[]>`
    SELECT c.code AS city, count(*) AS resolved,
           avg(extract(epoch FROM a."resolvedAt" - coalesce(a."firedAt", a."pendingSince")))::float8 AS resolution
      FROM "Alert" a JOIN "City" c ON c.id = a."cityId"
     WHERE a."resolvedAt" >= ${since}
     GROUP BY c.code`;
  return rows.map((row) => ({
    city: row.city,
    resolved: Number(row.resolved),
    meanResolutionSeconds: row.resolution,
  }));
}

/**
 * Steps waiting on someone (blocked behind an earlier step, active, or on hold), and how many are past due at
 * `now` (the scrape's clock, as for the other families, not the database's).
 */
export async function workflowBacklog(db: Db, now: Date): Promise<WorkflowBacklogRow[]> {
  const rows = await db.$queryRaw<{ state: string; open: bigint; overdue: bigint }[]>`
    SELECT state::text AS state, count(*) AS open, count(*) FILTER (WHERE "dueAt" < ${now}) AS overdue
      FROM "WorkflowStep"
     WHERE state IN ('blocked', 'active', 'holding')
     GROUP BY state`;
  return rows.map((row) => ({ state: row.state, open: Number(row.open), overdue: Number(row.overdue) }));
}

/**
 * When each city last received an indicator: the newest bucket of each (city, metric), found by a backward step
 * on the indicator's key rather than a scan of years of buckets. Cities that never had one are left out.
 */
export async function indicatorFreshness(db: Db): Promise<IndicatorFreshnessRow[]> {
  return db.$queryRaw<IndicatorFreshnessRow[]>`
    SELECT c.code AS city, max(latest."updatedAt") AS "lastUpdatedAt"
      FROM "City" c
     CROSS JOIN unnest(enum_range(NULL::"Metric")) AS m(metric)
     CROSS JOIN LATERAL (
             SELECT i."updatedAt" FROM "CityIndicator" i
              WHERE i."cityId" = c.id AND i.metric = m.metric
              ORDER BY i."bucketStart" DESC LIMIT 1) AS latest
     GROUP BY c.code`;
}
