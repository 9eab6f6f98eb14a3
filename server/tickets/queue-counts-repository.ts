import { Prisma } from "../db/generated/client.ts";
import type { Db } from "../db/client.ts";
import type { TeamScope } from "./access.ts";
import { countersTable, type CounterRow, type OverdueRow, type StatusCount } from "./queue-counts.ts";
import {
  breached,
  queueRows,
  queueWhere,
  withHits,
  type QueueConditions,
  type QueueWhere,
} from "./queue-repository.ts";
import { ACTIVE_STATUSES } from "./types.ts";

// The summary's SQL. Costs, at 1,000,000 tickets:
// - counters: a sum over the counter rows of the filter (at most 8 per key; one team's keys are a range of the
//   primary key; without a category or city filter the rollup, a few hundred rows per team) plus one range scan
//   of (status, slaDueAt) up to now for the overdue-but-unmarked tickets, which passes the filter's tickets
//   overdue now, marked or not: cheap while the overdue backlog is small.
// - a search: a rare one counts the ids its GIN look-up found (searchHits, at most 5,000); a common one counts
//   every match, one per-ticket check each, so its cost grows with the matches (as an exact count must).
// - at_risk: every ticket of the filter whose deadline is still ahead is checked; cost grows with the open queue.

/** The uuid TicketCount stores for "no city" and "no assignee" (primary-key columns cannot be null). */
const NO_ONE = "00000000-0000-0000-0000-000000000000";

/**
 * The filter on the counter table `c`: every queue condition except breached / not_breached (combineCounts splits
 * those). Category and city appear only with TicketCount (countersTable).
 */
function countersWhere(scope: TeamScope, filter: QueueConditions): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (!scope.all) parts.push(Prisma.sql`c."teamId" = ANY(${[...scope.teamIds]}::uuid[])`);
  if (filter.teamId) parts.push(Prisma.sql`c."teamId" = ${filter.teamId}::uuid`);
  if (filter.status?.length) parts.push(Prisma.sql`c.status = ANY(${filter.status}::"TicketStatus"[])`);
  if (filter.priority?.length)
    parts.push(Prisma.sql`c.priority = ANY(${filter.priority}::"TicketPriority"[])`);
  if (filter.category?.length)
    parts.push(Prisma.sql`c.category = ANY(${filter.category}::"TicketCategory"[])`);
  if (filter.cityId) parts.push(Prisma.sql`c."cityId" = ${filter.cityId}::uuid`);
  if (filter.assignee === "unassigned") parts.push(Prisma.sql`c."assigneeId" = ${NO_ONE}::uuid`);
  else if (filter.assignee !== "any") parts.push(Prisma.sql`c."assigneeId" = ${filter.assignee.id}::uuid`);
  if (filter.sla === "escalated")
    parts.push(Prisma.sql`c.escalated AND c.status = ANY(${[...ACTIVE_STATUSES]}::"TicketStatus"[])`);
  return parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, " AND ");
}

type CountedRow =
  (CounterRow & { part: "counter" }) | (OverdueRow & { part: "overdue"; recordedBreach: false });

/**
 * The counters of the filter by status and recorded breach, and its tickets overdue now without a recorded
 * breach, in one statement so both parts see one snapshot.
 */
export function countersSql(scope: TeamScope, filter: QueueConditions, now: Date): Prisma.Sql {
  // The overdue part walks the tickets with the queue's own WHERE, minus breached / not_breached.
  const sla = filter.sla === "escalated" ? "escalated" : undefined;
  const tickets = queueWhere(scope, { ...filter, sla, q: undefined }, now);
  return Prisma.sql`
    SELECT 'counter' AS part, c.status::text AS status, c.breached AS "recordedBreach", sum(c.tickets)::int AS tickets
      FROM ${Prisma.raw(`"${countersTable(filter)}"`)} c
     WHERE ${countersWhere(scope, filter)}
     GROUP BY c.status, c.breached
    UNION ALL
    SELECT 'overdue', t.status::text, FALSE, count(*)::int
      FROM "Ticket" t
     WHERE ${tickets} AND t."slaDueAt" <= ${now}
       AND t."firstResponseBreachedAt" IS NULL AND t."resolutionBreachedAt" IS NULL
     GROUP BY t.status`;
}

export async function counterRows(
  db: Db,
  scope: TeamScope,
  filter: QueueConditions,
  now: Date,
): Promise<{ counters: CounterRow[]; overdue: OverdueRow[] }> {
  const rows = await db.$queryRaw<CountedRow[]>(countersSql(scope, filter, now));
  return {
    counters: rows.filter((row) => row.part === "counter"),
    overdue: rows.filter((row) => row.part === "overdue"),
  };
}

/**
 * Counts a filter the counters cannot answer on the tickets themselves: per status, all of them and the breached
 * ones. `hits` are a rare search's ticket ids (searchHits): then only those tickets are read.
 */
export function scannedCountsSql(where: QueueWhere, now: Date, hits: readonly string[] | null): Prisma.Sql {
  return Prisma.sql`
    SELECT t.status::text AS status, count(*)::int AS total, count(*) FILTER (WHERE ${breached(now)})::int AS breached
      FROM "Ticket" t
     WHERE ${withHits(where, hits)}
     GROUP BY t.status`;
}

export function scannedCounts(
  db: Db,
  where: QueueWhere,
  now: Date,
  hits: readonly string[] | null,
): Promise<StatusCount[]> {
  return queueRows<StatusCount[]>(db, where, scannedCountsSql(where, now, hits));
}
