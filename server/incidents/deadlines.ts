import type { Queryable } from "../db/transaction.ts";
import {
  PLAN_BUSINESS_WEEK,
  responseDeadlines,
  usesBusinessCalendar,
  type IncidentPriority,
} from "./priority.ts";
import { operationsCalendar } from "./reference-repository.ts";

/**
 * An incident's response deadlines from the moment it is declared. The calendar is read only for a priority that
 * counts business days (P4), so correlation opening a P1 costs no extra query.
 */
export async function deadlinesFor(q: Queryable, priority: IncidentPriority, declaredAt: Date) {
  const calendar = usesBusinessCalendar(priority) ? await operationsCalendar(q) : PLAN_BUSINESS_WEEK;
  return responseDeadlines(priority, declaredAt, calendar);
}
