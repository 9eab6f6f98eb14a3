import { Prisma } from "../db/generated/client.ts";
import type { Db } from "../db/client.ts";
import type { TeamScope } from "./access.ts";
import type { QueueFilter } from "./contract.ts";
import type { QueueCursor } from "./cursor.ts";
import { searchCondition } from "./search.ts";
import type { TicketStatus } from "./types.ts";

// The queue in SQL: one WHERE for the page and the summary, keyset pagination on (slaDueAt NULLS LAST, id).

/** The queue filter with "me" already resolved to a user id. */
export type QueueConditions = Omit<QueueFilter, "assignee"> & { assignee: "unassigned" | "any" | { id: string } };

export function queueWhere(scope: TeamScope, filter: QueueConditions, now: Date): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  // A single team as "=": PostgreSQL 15 walks (teamId, slaDueAt) in order only for an equality.
  if (!scope.all && scope.teamIds.length === 1) parts.push(Prisma.sql`t."teamId" = ${scope.teamIds[0]}::uuid`);
  if (!scope.all && scope.teamIds.length !== 1) parts.push(Prisma.sql`t."teamId" = ANY(${[...scope.teamIds]}::uuid[])`);
  if (filter.teamId) parts.push(Prisma.sql`t."teamId" = ${filter.teamId}::uuid`);
  if (filter.status?.length) parts.push(Prisma.sql`t.status = ANY(${filter.status}::"TicketStatus"[])`);
  if (filter.priority?.length) parts.push(Prisma.sql`t.priority = ANY(${filter.priority}::"TicketPriority"[])`);
  if (filter.category?.length) parts.push(Prisma.sql`t.category = ANY(${filter.category}::"TicketCategory"[])`);
  if (filter.cityId) parts.push(Prisma.sql`t."cityId" = ${filter.cityId}::uuid`);
  if (filter.assignee === "unassigned") parts.push(Prisma.sql`t."assigneeId" IS NULL`);
  else if (filter.assignee !== "any") parts.push(Prisma.sql`t."assigneeId" = ${filter.assignee.id}::uuid`);
  if (filter.sla === "breached") parts.push(breached(now));
  if (filter.sla === "not_breached") parts.push(Prisma.sql`NOT ${breached(now)}`);
  if (filter.sla === "at_risk") parts.push(Prisma.sql`(t."slaAtRiskAt" <= ${now} AND t."slaDueAt" > ${now})`);
  if (filter.q) parts.push(searchCondition(filter.q));
  return parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, " AND ");
}

/** A recorded breach, or a running deadline already passed that the sweep has not marked yet. */
function breached(now: Date): Prisma.Sql {
  return Prisma.sql`(t."firstResponseBreachedAt" IS NOT NULL OR t."resolutionBreachedAt" IS NOT NULL OR coalesce(t."slaDueAt" <= ${now}, FALSE))`;
}

export interface QueueRow {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: "P1" | "P2" | "P3" | "P4";
  category: string;
  source: string;
  version: number;
  teamId: string;
  createdAt: Date;
  updatedAt: Date;
  slaPauses: unknown;
  slaPausedAt: Date | null;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  firstResponseBreachedAt: Date | null;
  resolutionBreachedAt: Date | null;
  slaDueAt: Date | null;
  team: { id: string; key: string; name: string; nameJa: string };
  city: { id: string; code: string; name: string; nameJa: string } | null;
  assignee: { id: string; name: string } | null;
}

// Two ordered range scans: rows with a deadline after the cursor, then rows without one (by id); the Append
// under LIMIT stops as soon as the page is full.
function pageIds(where: Prisma.Sql, after: QueueCursor | null, limit: number): Prisma.Sql {
  const dated = Prisma.sql`(SELECT t.id, t."slaDueAt" FROM "Ticket" t
      WHERE ${where} AND t."slaDueAt" IS NOT NULL
        ${after?.dueAt ? Prisma.sql`AND (t."slaDueAt", t.id) > (${after.dueAt}, ${after.id}::uuid)` : Prisma.empty}
      ORDER BY t."slaDueAt", t.id LIMIT ${limit})`;
  const undated = Prisma.sql`(SELECT t.id, t."slaDueAt" FROM "Ticket" t
      WHERE ${where} AND t."slaDueAt" IS NULL
        ${after && after.dueAt === null ? Prisma.sql`AND t.id > ${after.id}::uuid` : Prisma.empty}
      ORDER BY t.id LIMIT ${limit})`;
  if (after && after.dueAt === null) return undated;
  return Prisma.sql`${dated} UNION ALL ${undated} LIMIT ${limit}`;
}

/** The page's SQL, exported so the benchmark can time the very same statement without Prisma. */
export function queuePageSql(where: Prisma.Sql, after: QueueCursor | null, limit: number): Prisma.Sql {
  return Prisma.sql`
    WITH page AS (${pageIds(where, after, limit)})
    SELECT t.id, t.number, t.subject, t.status::text AS status, t.priority::text AS priority,
           t.category::text AS category, t.source::text AS source, t.version, t."teamId", t."createdAt", t."updatedAt",
           t."slaPauses", t."slaPausedAt", t."firstRespondedAt", t."resolvedAt", t."firstResponseBreachedAt",
           t."resolutionBreachedAt", t."slaDueAt",
           json_build_object('id', tm.id, 'key', tm.key, 'name', tm.name, 'nameJa', tm."nameJa") AS team,
           CASE WHEN c.id IS NULL THEN NULL
                ELSE json_build_object('id', c.id, 'code', c.code, 'name', c.name, 'nameJa', c."nameJa") END AS city,
           CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS assignee
      FROM page
      JOIN "Ticket" t ON t.id = page.id
      JOIN "Team" tm ON tm.id = t."teamId"
      LEFT JOIN "City" c ON c.id = t."cityId"
      LEFT JOIN "User" u ON u.id = t."assigneeId"
     ORDER BY t."slaDueAt" NULLS LAST, t.id`;
}

export function queuePageRows(db: Db, where: Prisma.Sql, after: QueueCursor | null, limit: number) {
  return db.$queryRaw<QueueRow[]>(queuePageSql(where, after, limit));
}

export interface SummaryRow {
  status: TicketStatus;
  /** Up to SUMMARY_CAP + 1: more than the cap means "capped". */
  total: number;
  breached: number;
}

/**
 * Per status, counts at most cap + 1 matching tickets, so the summary never walks a whole team's history. One
 * branch per status with the status as a literal lets the planner use that status's statistics (an empty
 * status is an instant index probe, not a scan of everything); walking in deadline order keeps it on the same
 * index range scans as the page, which stop early even when a search term matches a fifth of all tickets.
 */
export function queueSummarySql(where: Prisma.Sql, statuses: readonly TicketStatus[], now: Date, cap: number): Prisma.Sql {
  const branches = statuses.map(
    (status) => Prisma.sql`
      SELECT ${status}::text AS status, count(*)::int AS total, count(*) FILTER (WHERE x.breached)::int AS breached
        FROM (SELECT ${breached(now)} AS breached FROM "Ticket" t
               WHERE ${where} AND t.status = ${Prisma.raw(`'${status}'`)}
               ORDER BY t."slaDueAt" LIMIT ${cap + 1}) x`,
  );
  return Prisma.join(branches, " UNION ALL ");
}

export function queueSummaryRows(db: Db, where: Prisma.Sql, statuses: readonly TicketStatus[], now: Date, cap: number) {
  return db.$queryRaw<SummaryRow[]>(queueSummarySql(where, statuses, now, cap));
}
