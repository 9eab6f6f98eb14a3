import { join, raw, sql, type Sql } from "../db/sql.ts";
import type { Queryable } from "../db/transaction.ts";
import { ticketDimension, utc } from "./sql-params.ts";

// The ticket reports' aggregates over ReportTicketFact, one statement each: every group and the total (GROUPING
// SETS), the numerator, denominator and exclusions of each % met, and percentile_cont for p50 / p90.

export interface TicketScope {
  /** null: every team. */
  teamIds: string[] | null;
}

const scoped = (scope: TicketScope): Sql =>
  scope.teamIds === null ? sql`TRUE` : sql`"teamId" = ANY(${scope.teamIds}::uuid[])`;

export interface SlaAggregateRow {
  key: string;
  isTotal: boolean;
  cohort: number;
  frCount: number;
  frMet: number;
  frP50: number | null;
  frP90: number | null;
  frMean: number | null;
  frTotal: number | null;
  resCount: number;
  resMet: number;
  resP50: number | null;
  resP90: number | null;
  resMean: number | null;
  resTotal: number | null;
}

const clockColumns = (prefix: "fr" | "res", minutes: string, breached: string): Sql[] => {
  const m = `"${minutes}"`;
  const b = `"${breached}"`;
  return [
    raw(`count(*) FILTER (WHERE ${m} IS NOT NULL OR ${b})::int AS "${prefix}Count"`),
    raw(`count(*) FILTER (WHERE ${m} IS NOT NULL AND NOT ${b})::int AS "${prefix}Met"`),
    raw(`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${m}) AS "${prefix}P50"`),
    raw(`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${m}) AS "${prefix}P90"`),
    raw(`avg(${m}) AS "${prefix}Mean"`),
    raw(`sum(${m}) AS "${prefix}Total"`),
  ];
};

/** The SLA aggregate statement, also timed raw (without Prisma) by bench/reports.ts as the floor. */
export function slaAggregatesSql(query: { from: Date; to: Date; groupBy: string; scope: TicketScope }): Sql {
  const dim = ticketDimension(query.groupBy);
  return sql`
    SELECT ${dim} AS key, GROUPING(${dim}) = 1 AS "isTotal", count(*)::int AS cohort,
           ${join([
             ...clockColumns("fr", "firstResponseMinutes", "firstResponseBreached"),
             ...clockColumns("res", "resolutionMinutes", "resolutionBreached"),
           ])}
      FROM "ReportTicketFact"
     WHERE "createdAt" >= ${utc(query.from)} AND "createdAt" < ${utc(query.to)} AND ${scoped(query.scope)}
     GROUP BY GROUPING SETS ((${dim}), ())`;
}

export function slaAggregates(
  db: Queryable,
  query: { from: Date; to: Date; groupBy: string; scope: TicketScope },
): Promise<SlaAggregateRow[]> {
  return db.$queryRaw<SlaAggregateRow[]>(slaAggregatesSql(query));
}

export interface BacklogAggregateRow {
  key: string;
  isTotal: boolean;
  open: number;
  ageP50: number | null;
  ageP90: number | null;
  ageMean: number | null;
  age0to1d: number;
  age1to3d: number;
  age3to7d: number;
  age7dPlus: number;
  created: number;
}

/** Open at `to`: created before it and neither resolved nor closed by then (a reopened ticket is open again). */
export function backlogAggregates(
  db: Queryable,
  query: { from: Date; to: Date; groupBy: string; scope: TicketScope },
): Promise<BacklogAggregateRow[]> {
  const dim = ticketDimension(query.groupBy);
  const to = utc(query.to);
  return db.$queryRaw<BacklogAggregateRow[]>`
    WITH f AS (
      SELECT ${dim} AS key, "createdAt" >= ${utc(query.from)} AS created,
             ("resolvedAt" IS NULL OR "resolvedAt" >= ${to}) AND ("closedAt" IS NULL OR "closedAt" >= ${to}) AS open,
             extract(epoch FROM (${to} - "createdAt")) / 3600 AS age
        FROM "ReportTicketFact"
       WHERE "createdAt" < ${to} AND ${scoped(query.scope)}
         AND ("createdAt" >= ${utc(query.from)} OR "resolvedAt" IS NULL OR "resolvedAt" >= ${to})
    )
    SELECT key, GROUPING(key) = 1 AS "isTotal",
           count(*) FILTER (WHERE open)::int AS open,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY age) FILTER (WHERE open) AS "ageP50",
           percentile_cont(0.9) WITHIN GROUP (ORDER BY age) FILTER (WHERE open) AS "ageP90",
           avg(age) FILTER (WHERE open) AS "ageMean",
           count(*) FILTER (WHERE open AND age < 24)::int AS "age0to1d",
           count(*) FILTER (WHERE open AND age >= 24 AND age < 72)::int AS "age1to3d",
           count(*) FILTER (WHERE open AND age >= 72 AND age < 168)::int AS "age3to7d",
           count(*) FILTER (WHERE open AND age >= 168)::int AS "age7dPlus",
           count(*) FILTER (WHERE created)::int AS created
      FROM f
     GROUP BY GROUPING SETS ((key), ())`;
}

export interface TicketItemRow {
  ticketId: string;
  number: number;
  key: string;
  status: string;
  createdAt: Date;
  minutes: number | null;
  breached: boolean;
}

export interface TicketItemsQuery {
  from: Date;
  to: Date;
  groupBy: string;
  key: string | undefined;
  /** Which clock the filter and the minutes refer to. */
  clock: "firstResponse" | "resolution";
  filter: "all" | "met" | "breached" | "excluded" | "open";
  scope: TicketScope;
  after: { createdAt: Date; ticketId: string } | null;
  limit: number;
}

function itemCondition(query: Pick<TicketItemsQuery, "clock" | "filter" | "to">): Sql {
  const m = query.clock === "firstResponse" ? `"firstResponseMinutes"` : `"resolutionMinutes"`;
  const b = query.clock === "firstResponse" ? `"firstResponseBreached"` : `"resolutionBreached"`;
  const to = utc(query.to);
  switch (query.filter) {
    case "met":
      return raw(`${m} IS NOT NULL AND NOT ${b}`);
    case "breached":
      return raw(`${b}`);
    case "excluded":
      return raw(`${m} IS NULL AND NOT ${b}`);
    case "open":
      return sql`("resolvedAt" IS NULL OR "resolvedAt" >= ${to}) AND ("closedAt" IS NULL OR "closedAt" >= ${to})`;
    case "all":
      return sql`TRUE`;
  }
}

/** The conditions of a figure's tickets, shared by the drill-down pages and the CSV export. */
export function ticketItemsWhere(query: Omit<TicketItemsQuery, "after" | "limit">): Sql {
  const dim = ticketDimension(query.groupBy);
  const cohort = query.filter === "open" ? sql`TRUE` : sql`"createdAt" >= ${utc(query.from)}`;
  return sql`${cohort} AND "createdAt" < ${utc(query.to)} AND ${scoped(query.scope)}
       AND ${query.key === undefined ? sql`TRUE` : sql`${dim} = ${query.key}`}
       AND ${itemCondition(query)}`;
}

/** Keyset position after (createdAt, ticketId); the plain bound on createdAt lets the createdAt index seek. */
export function afterTicket(after: { createdAt: Date; ticketId: string } | null): Sql {
  if (after === null) return sql`TRUE`;
  const at = utc(after.createdAt);
  return sql`"createdAt" >= ${at} AND ("createdAt", "ticketId") > (${at}, ${after.ticketId}::uuid)`;
}

/**
 * The tickets behind a figure, oldest first, a page at a time (keyset on createdAt, ticketId). The backlog's
 * `open` lists every ticket open at `to` whenever it was created; the others list the period's cohort.
 */
export function ticketItems(db: Queryable, query: TicketItemsQuery): Promise<TicketItemRow[]> {
  const dim = ticketDimension(query.groupBy);
  const m = raw(query.clock === "firstResponse" ? `"firstResponseMinutes"` : `"resolutionMinutes"`);
  const b = raw(query.clock === "firstResponse" ? `"firstResponseBreached"` : `"resolutionBreached"`);
  return db.$queryRaw<TicketItemRow[]>`
    SELECT "ticketId"::text AS "ticketId", number, ${dim} AS key, status, "createdAt", ${m} AS minutes,
           ${b} AS breached
      FROM "ReportTicketFact"
     WHERE ${ticketItemsWhere(query)} AND ${afterTicket(query.after)}
     ORDER BY "ReportTicketFact"."createdAt", "ReportTicketFact"."ticketId"
     LIMIT ${query.limit}`;
}
