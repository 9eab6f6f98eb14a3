import { TicketCategory } from "../db/generated/enums.ts";
import { CALENDAR_COLUMNS, toBusinessCalendar } from "../db/calendar-columns.ts";
import type { Queryable } from "../db/transaction.ts";
import type { BusinessCalendar } from "../lib/business-calendar.ts";
import { isUuid } from "../lib/ids.ts";
import type { IncidentMemberKind } from "./contract.ts";
import { PLAN_BUSINESS_WEEK } from "./priority.ts";

// Reference data the incidents read but do not own: the ticket categories (an action item becomes a ticket of
// one), the business calendar the operations unit works to, and the ticket, risk case or alert an incident is
// declared from. Read here, from the schema and its tables, so the incidents domain needs nothing from the
// tickets, risk or alerts domains.

const TICKET_CATEGORIES: ReadonlySet<string> = new Set(Object.values(TicketCategory));

export function isTicketCategory(value: string): boolean {
  return TICKET_CATEGORIES.has(value);
}

export const ticketCategoryNames = (): string[] => [...TICKET_CATEGORIES];

/**
 * The operations calendar: the business calendar most teams work to (by name on a tie), its holidays as local
 * dates; the plan's business week while the database has none.
 */
export async function operationsCalendar(q: Queryable): Promise<BusinessCalendar> {
  const row = await q.businessCalendar.findFirst({
    orderBy: [{ teams: { _count: "desc" } }, { name: "asc" }],
    select: CALENDAR_COLUMNS,
  });
  return row ? toBusinessCalendar(row) : PLAN_BUSINESS_WEEK;
}

/**
 * The ticket, risk case or alert an incident is declared from, with its city; null when the id names nothing.
 * Ids are uuids: anything else names nothing and is not queried (the column would refuse it).
 */
export async function findDeclaredSource(
  q: Queryable,
  kind: IncidentMemberKind,
  id: string,
): Promise<{ cityId: string | null } | null> {
  if (!isUuid(id)) return null;
  const args = { where: { id }, select: { cityId: true } } as const;
  switch (kind) {
    case "ticket":
      return q.ticket.findUnique(args);
    case "risk_case":
      return q.riskCase.findUnique(args);
    case "alert":
      return q.alert.findUnique(args);
  }
}
