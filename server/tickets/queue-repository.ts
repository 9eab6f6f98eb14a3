import { Prisma } from "../db/generated/client.ts";
import type { Db } from "../db/client.ts";
import type { TeamScope } from "./access.ts";
import type { QueueFilter } from "./contract.ts";
import type { QueueCursor } from "./cursor.ts";
import { searchCondition, searchTextCondition } from "./search.ts";
import { ACTIVE_STATUSES, type TicketStatus } from "./types.ts";

// The queue in SQL: one WHERE for the page and the summary, keyset pagination on (slaDueAt NULLS LAST, id).

/** The queue filter with "me" resolved to a user id and a city code to the city's id. */
export type QueueConditions = Omit<QueueFilter, "assignee" | "city"> & {
  assignee: "unassigned" | "any" | { id: string };
};

/**
 * The queue's WHERE on the ticket row `t`. With a search it also keeps its parts apart (the other conditions, and
 * the terms as a condition on the search row `s`), so the page and the summary of one request can look a rare
 * search up once (searchHits).
 */
export class QueueWhere extends Prisma.Sql {
  readonly base: Prisma.Sql;
  readonly search: Prisma.Sql | null;

  constructor(base: Prisma.Sql, q: string | undefined) {
    const full = q ? Prisma.sql`${base} AND ${searchCondition(q)}` : base;
    super(full.strings, full.values);
    this.base = base;
    this.search = q ? searchTextCondition(q) : null;
  }
}

export function queueWhere(scope: TeamScope, filter: QueueConditions, now: Date): QueueWhere {
  const parts: Prisma.Sql[] = [];
  // A single team as "=": PostgreSQL 15 walks (teamId, slaDueAt) in order only for an equality.
  if (!scope.all && scope.teamIds.length === 1)
    parts.push(Prisma.sql`t."teamId" = ${scope.teamIds[0]}::uuid`);
  if (!scope.all && scope.teamIds.length !== 1)
    parts.push(Prisma.sql`t."teamId" = ANY(${[...scope.teamIds]}::uuid[])`);
  if (filter.teamId) parts.push(Prisma.sql`t."teamId" = ${filter.teamId}::uuid`);
  if (filter.status?.length) parts.push(Prisma.sql`t.status = ANY(${filter.status}::"TicketStatus"[])`);
  if (filter.priority?.length)
    parts.push(Prisma.sql`t.priority = ANY(${filter.priority}::"TicketPriority"[])`);
  if (filter.category?.length)
    parts.push(Prisma.sql`t.category = ANY(${filter.category}::"TicketCategory"[])`);
  if (filter.cityId) parts.push(Prisma.sql`t."cityId" = ${filter.cityId}::uuid`);
  if (filter.assignee === "unassigned") parts.push(Prisma.sql`t."assigneeId" IS NULL`);
  else if (filter.assignee !== "any") parts.push(Prisma.sql`t."assigneeId" = ${filter.assignee.id}::uuid`);
  if (filter.sla === "breached") parts.push(breached(now));
  if (filter.sla === "not_breached") parts.push(Prisma.sql`NOT ${breached(now)}`);
  if (filter.sla === "escalated") {
    parts.push(
      Prisma.sql`(t."escalationLevel" > 0 AND t.status = ANY(${[...ACTIVE_STATUSES]}::"TicketStatus"[]))`,
    );
  }
  if (filter.sla === "at_risk") parts.push(Prisma.sql`(t."slaAtRiskAt" <= ${now} AND t."slaDueAt" > ${now})`);
  return new QueueWhere(parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, " AND "), filter.q);
}

/** A recorded breach, or a running deadline already passed that the sweep has not marked yet. */
export function breached(now: Date): Prisma.Sql {
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
  escalationLevel: number;
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

// A search, two ways to the same tickets. A rare one (at most SEARCH_SAMPLE_RARE matches in a sample of the search
// rows, and at most SEARCH_FEW in all) is looked up once per request in the trigram / bigram GIN indexes, and the
// page and the summary take those ids: neither repeats the index scan, which alone costs 20–30 ms when a term is
// made of common trigrams ("order-424242"), nor walks the deadline indexes through thousands of tickets that do
// not match (10 s for "cold payout", two common words that never meet). A common one walks the deadline indexes
// with the per-ticket check of queueWhere (EXISTS), which stops after a page, where a look-up would fetch a tenth
// of all tickets; its exact summary checks every ticket of the filter (queue-counts-repository.ts). The sample
// (the first rows of the table) costs about 1 ms. A ticket's search text only ever grows (comments are appended),
// so ids that matched a moment ago still match.
const SEARCH_SAMPLE = 1_000;
const SEARCH_SAMPLE_RARE = 3;
const SEARCH_FEW = 5_000;

/** The ids of the search's tickets when they look few (up to SEARCH_FEW + 1 of them); else null. */
export function searchHitsSql(search: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT CASE WHEN (SELECT count(*) FROM (SELECT s."text", s."bigrams" FROM "TicketSearch" s LIMIT ${SEARCH_SAMPLE}) s
                       WHERE ${search}) <= ${SEARCH_SAMPLE_RARE}
                THEN ARRAY(SELECT s."ticketId" FROM "TicketSearch" s WHERE ${search} LIMIT ${SEARCH_FEW + 1})
           END AS hits`;
}

/** A rare search's ticket ids, looked up once for the page and the summary of one request; else null. */
export async function searchHits(db: Db, where: QueueWhere): Promise<readonly string[] | null> {
  if (where.search === null) return null;
  const [row] = await db.$queryRaw<{ hits: string[] | null }[]>(searchHitsSql(where.search));
  return row?.hits && row.hits.length <= SEARCH_FEW ? row.hits : null;
}

/** The WHERE with a rare search's condition replaced by its ids. */
export function withHits(where: QueueWhere, hits: readonly string[] | null): Prisma.Sql {
  if (where.search === null || hits === null) return where;
  return Prisma.sql`${where.base} AND t.id = ANY(${[...hits]}::uuid[])`;
}

/**
 * The page's SQL, exported so the benchmark can time the very same statement without Prisma; `hits` are a rare
 * search's ticket ids (searchHitsSql), without them a search walks.
 */
export function queuePageSql(
  where: QueueWhere,
  after: QueueCursor | null,
  limit: number,
  hits: readonly string[] | null = null,
): Prisma.Sql {
  return Prisma.sql`
    WITH page AS (${pageIds(withHits(where, hits), after, limit)})
    SELECT t.id, t.number, t.subject, t.status::text AS status, t.priority::text AS priority,
           t.category::text AS category, t.source::text AS source, t.version, t."escalationLevel", t."teamId",
           t."createdAt", t."updatedAt",
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

/**
 * Runs a queue statement; a search's without parallel workers and JIT. Its walks stop after a few hundred tickets
 * and its look-ups read a few hundred rows, but the planner costs each walk by the whole index range it might read:
 * it planned a Gather Merge per walk (starting the workers took 20–30 ms a walk on a 2-core machine, ten times the
 * walk itself), and a statement of several walks added up past jit_above_cost (compiling took 60 ms).
 */
export async function queueRows<T>(db: Db, where: QueueWhere, query: Prisma.Sql): Promise<T> {
  if (where.search === null) return db.$queryRaw<T>(query);
  const [, rows] = await db.$transaction([
    db.$executeRaw`SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`,
    db.$queryRaw<T>(query),
  ]);
  return rows;
}

export function queuePageRows(
  db: Db,
  where: QueueWhere,
  after: QueueCursor | null,
  limit: number,
  hits: readonly string[] | null,
) {
  return queueRows<QueueRow[]>(db, where, queuePageSql(where, after, limit, hits));
}
