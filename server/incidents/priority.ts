import { endOfNextBusinessDay, type BusinessCalendar } from "../lib/business-calendar.ts";

// The operations plan's incident priorities and their response targets. A target is measured from the moment the
// incident is declared: "respond" is the acknowledgement (someone took command), "mitigate" the impact stopped.

export const INCIDENT_PRIORITIES = ["P1", "P2", "P3", "P4"] as const;
export type IncidentPriority = (typeof INCIDENT_PRIORITIES)[number];

/**
 * P1–P3 run on the wall clock (an incident is worked round the clock); P4 counts business days on the operations
 * calendar: by day end of the n-th business day after the day it was declared.
 */
type Target = { minutes: number } | { businessDays: number };

interface ResponseTarget {
  /** What the plan calls it, for people. */
  label: string;
  respond: Target;
  mitigate: Target;
  /** P1 pages the escalation chain as soon as it is declared; the others only when a target is missed. */
  escalateAtOnce: boolean;
}

const HOUR = 60;

// P4 "minor, next business day": declared on Friday evening or Saturday, it is due Monday 18:00 (Tuesday after a
// Monday holiday); its mitigation within five business days, so a long holiday never puts it before the response.
const RESPONSE_TARGETS: Record<IncidentPriority, ResponseTarget> = {
  P1: {
    label: "Service down",
    respond: { minutes: 15 },
    mitigate: { minutes: 1 * HOUR },
    escalateAtOnce: true,
  },
  P2: {
    label: "Major degradation",
    respond: { minutes: 30 },
    mitigate: { minutes: 4 * HOUR },
    escalateAtOnce: false,
  },
  P3: {
    label: "Partial impact",
    respond: { minutes: 4 * HOUR },
    mitigate: { minutes: 24 * HOUR },
    escalateAtOnce: false,
  },
  P4: { label: "Minor", respond: { businessDays: 1 }, mitigate: { businessDays: 5 }, escalateAtOnce: false },
};

/** Whether the priority's targets need the operations calendar (loaded only then). */
export function usesBusinessCalendar(priority: IncidentPriority): boolean {
  const { respond, mitigate } = RESPONSE_TARGETS[priority];
  return "businessDays" in respond || "businessDays" in mitigate;
}

/**
 * The plan's business week (Monday to Friday, 09:00–18:00 Tokyo time, no holidays), for a database that has no
 * business calendar yet: P4 still means business days, not 24 hours.
 */
export const PLAN_BUSINESS_WEEK: BusinessCalendar = {
  timezone: "Asia/Tokyo",
  dayStartMin: 9 * HOUR,
  dayEndMin: 18 * HOUR,
  workDays: [1, 2, 3, 4, 5],
  holidays: [],
};

export interface ResponseDeadlines {
  respondDueAt: Date;
  mitigateDueAt: Date;
}

function dueAt(target: Target, declaredAt: Date, calendar: BusinessCalendar): Date {
  if ("minutes" in target) return new Date(declaredAt.getTime() + target.minutes * 60_000);
  let due = declaredAt;
  // Each step lands on a business day's end, so the next step starts from the day after it.
  for (let day = 0; day < target.businessDays; day++) due = endOfNextBusinessDay(due, calendar);
  return due;
}

export function responseDeadlines(
  priority: IncidentPriority,
  declaredAt: Date,
  calendar: BusinessCalendar,
): ResponseDeadlines {
  const target = RESPONSE_TARGETS[priority];
  return {
    respondDueAt: dueAt(target.respond, declaredAt, calendar),
    mitigateDueAt: dueAt(target.mitigate, declaredAt, calendar),
  };
}
