import { raw, sql, type Sql } from "../db/sql.ts";

// Timestamps in the report tables are timestamp(3) holding UTC, as Prisma writes them: instants are bound as ISO
// text and converted without the session's zone.
export const utc = (at: Date): Sql => sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/** Group-by expressions over ReportTicketFact, by dimension; only these reach the SQL. */
const TICKET_DIMENSIONS: Readonly<Record<string, string>> = {
  team: `"teamId"::text`,
  agent: `"assigneeId"::text`,
  priority: `priority`,
  category: `category`,
  city: `"cityId"::text`,
  day: `to_char("createdAt", 'YYYY-MM-DD')`,
};

export function ticketDimension(groupBy: string): Sql {
  const expression = TICKET_DIMENSIONS[groupBy];
  if (expression === undefined) throw new Error(`No ticket dimension ${groupBy}`);
  return raw(`coalesce(${expression}, 'none')`);
}
