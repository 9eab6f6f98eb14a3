import pg from "pg";
import { UTC_SESSION } from "../db/session.ts";
import { raw, sql } from "../db/sql.ts";
import { requireDatabaseUrl } from "../lib/env.ts";
import { ticketDimension } from "./sql-params.ts";
import { afterTicket, ticketItemsWhere, type TicketItemsQuery } from "./ticket-report-repository.ts";

// The CSV export's reads: a figure's tickets as CSV-ready text columns, in large keyset pages, on a small pg pool
// of its own (Prisma's per-row objects and Date parsing cost more than the rest of the export together). Every
// column is formatted by PostgreSQL, so a row arrives as the array csv-stringify writes, with nothing to convert.

export type CsvRow = (string | null)[];

/** The CSV's columns, in the order the SELECT produces them. */
export const CSV_COLUMNS = ["id", "number", "kind", "group", "status", "at", "minutes", "breached", "href"];
const AT_COLUMN = 5;

const globalForExport = globalThis as unknown as { reportExportPool?: pg.Pool };

/** One pool per process, opened on the first export: two connections, exports are rare and sequential. */
export function exportPool(): pg.Pool {
  globalForExport.reportExportPool ??= new pg.Pool({
    connectionString: requireDatabaseUrl(),
    max: 2,
    application_name: "ops-report-export",
    options: UTC_SESSION,
  });
  return globalForExport.reportExportPool;
}

type TicketCsvQuery = Omit<TicketItemsQuery, "after">;

/** The statement of one page; also drained raw (without CSV) by bench/reports.ts as the floor. */
export function ticketCsvPageSql(query: TicketCsvQuery, after: TicketItemsQuery["after"]) {
  const dim = ticketDimension(query.groupBy);
  const m = raw(query.clock === "firstResponse" ? `"firstResponseMinutes"` : `"resolutionMinutes"`);
  const b = raw(query.clock === "firstResponse" ? `"firstResponseBreached"` : `"resolutionBreached"`);
  return sql`
    SELECT "ticketId"::text AS id, number::text AS number, 'ticket' AS kind, ${dim} AS "group", status,
           to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, ${m}::text AS minutes,
           ${b}::text AS breached, '/tickets/' || "ticketId"::text AS href
      FROM "ReportTicketFact"
     WHERE ${ticketItemsWhere(query)} AND ${afterTicket(after)}
     ORDER BY "ReportTicketFact"."createdAt", "ReportTicketFact"."ticketId"
     LIMIT ${query.limit}`;
}

/** The figure's tickets page by page (each page an array of rows), read only as fast as the caller asks. */
export async function* ticketCsvPages(pool: pg.Pool, query: TicketCsvQuery): AsyncGenerator<CsvRow[]> {
  let after: TicketItemsQuery["after"] = null;
  for (;;) {
    const statement = ticketCsvPageSql(query, after);
    const { rows } = await pool.query<CsvRow>({
      text: statement.text,
      values: statement.values,
      rowMode: "array",
    });
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (rows.length < query.limit || last === undefined) return;
    after = { createdAt: new Date(last[AT_COLUMN] as string), ticketId: last[0] as string };
  }
}
