import { raw } from "../db/sql.ts";
import type { Queryable } from "../db/transaction.ts";
import type { BusinessCalendar } from "../lib/business-calendar.ts";
import type { TicketFact } from "./ticket-facts.ts";

// The ticket fact rows (ReportTicketFact) and the business calendars the folds measure with.

/** Each team's business calendar, holidays as local dates. */
export async function teamCalendars(db: Queryable): Promise<Map<string, BusinessCalendar>> {
  const rows = await db.$queryRaw<
    {
      teamId: string;
      timezone: string;
      dayStartMin: number;
      dayEndMin: number;
      workDays: number[];
      holidays: string[];
    }[]
  >`
    SELECT t.id::text AS "teamId", c.timezone, c."dayStartMin", c."dayEndMin", c."workDays",
           coalesce(array_agg(to_char(h.date, 'YYYY-MM-DD')) FILTER (WHERE h.date IS NOT NULL), '{}') AS holidays
      FROM "Team" t
      JOIN "BusinessCalendar" c ON c.id = t."calendarId"
      LEFT JOIN "Holiday" h ON h."calendarId" = c.id
     GROUP BY t.id, c.id`;
  return new Map(rows.map(({ teamId, ...cal }) => [teamId, cal]));
}

// The columns are timestamp(3) holding UTC, as Prisma writes them: ISO text converted without the session's zone.
const UTC = (column: string) => raw(`(f.${column}::timestamptz AT TIME ZONE 'UTC')`);

/**
 * Writes facts; a row already folded from a later event stays (a late redelivery of an older event changes
 * nothing), and an equal one is rewritten with the same values, so a rerun is harmless.
 */
export async function upsertTicketFacts(db: Queryable, facts: readonly TicketFact[]): Promise<number> {
  if (facts.length === 0) return 0;
  const col = <K extends keyof TicketFact>(key: K) => facts.map((fact) => fact[key]);
  const iso = (key: "createdAt" | "firstResponseAt" | "resolvedAt" | "closedAt") =>
    facts.map((fact) => fact[key]?.toISOString() ?? null);
  return db.$executeRaw`
    INSERT INTO "ReportTicketFact" ("ticketId", number, "teamId", "assigneeId", "cityId", priority, category, status,
      "createdAt", "firstResponseAt", "resolvedAt", "closedAt", "reopenCount", "firstResponseMinutes",
      "resolutionMinutes", "firstResponseTargetMinutes", "resolutionTargetMinutes", "firstResponseBreached",
      "resolutionBreached", "lastEventSeq", "updatedAt")
    SELECT f.id, f.number, f.team, f.assignee, f.city, f.priority, f.category, f.status, ${UTC("created")},
           ${UTC("first_response")}, ${UTC("resolved")}, ${UTC("closed")}, f.reopens, f.fr_minutes, f.res_minutes,
           f.fr_target, f.res_target, f.fr_breached, f.res_breached, f.seq, now() AT TIME ZONE 'UTC'
      FROM unnest(
      ${col("ticketId")}::uuid[], ${col("number")}::int[], ${col("teamId")}::uuid[], ${col("assigneeId")}::uuid[],
      ${col("cityId")}::uuid[], ${col("priority")}::text[], ${col("category")}::text[], ${col("status")}::text[],
      ${iso("createdAt")}::text[], ${iso("firstResponseAt")}::text[], ${iso("resolvedAt")}::text[],
      ${iso("closedAt")}::text[], ${col("reopenCount")}::int[], ${col("firstResponseMinutes")}::float8[],
      ${col("resolutionMinutes")}::float8[], ${col("firstResponseTargetMinutes")}::float8[],
      ${col("resolutionTargetMinutes")}::float8[], ${col("firstResponseBreached")}::bool[],
      ${col("resolutionBreached")}::bool[], ${col("lastEventSeq").map(String)}::bigint[]
    ) AS f(id, number, team, assignee, city, priority, category, status, created, first_response, resolved, closed,
           reopens, fr_minutes, res_minutes, fr_target, res_target, fr_breached, res_breached, seq)
    ON CONFLICT ("ticketId") DO UPDATE SET
      number = excluded.number, "teamId" = excluded."teamId", "assigneeId" = excluded."assigneeId",
      "cityId" = excluded."cityId", priority = excluded.priority, category = excluded.category,
      status = excluded.status, "createdAt" = excluded."createdAt", "firstResponseAt" = excluded."firstResponseAt",
      "resolvedAt" = excluded."resolvedAt", "closedAt" = excluded."closedAt", "reopenCount" = excluded."reopenCount",
      "firstResponseMinutes" = excluded."firstResponseMinutes", "resolutionMinutes" = excluded."resolutionMinutes",
      "firstResponseTargetMinutes" = excluded."firstResponseTargetMinutes",
      "resolutionTargetMinutes" = excluded."resolutionTargetMinutes",
      "firstResponseBreached" = excluded."firstResponseBreached",
      "resolutionBreached" = excluded."resolutionBreached", "lastEventSeq" = excluded."lastEventSeq",
      "updatedAt" = excluded."updatedAt"
    WHERE "ReportTicketFact"."lastEventSeq" <= excluded."lastEventSeq"`;
}
