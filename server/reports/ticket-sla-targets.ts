import {
  businessMinutesBetween,
  endOfNextBusinessDay,
  type BusinessCalendar,
} from "../lib/business-calendar.ts";
import type { CalendarKind } from "./clock.ts";

// The SLA targets the ticket metrics measure against, declared here as part of the metric catalogue (the same
// figures as the tickets' SLA policy: P1/P2 on the 24/7 clock, P3/P4 in the team's business hours; P4's first
// response is due by the end of the next business day).

interface Targets {
  calendar: CalendarKind;
  firstResponseMinutes: number | "end_of_next_business_day";
  resolutionMinutes: number;
}

const TICKET_SLA_TARGETS: Readonly<Record<string, Targets>> = {
  P1: { calendar: "24/7", firstResponseMinutes: 15, resolutionMinutes: 4 * 60 },
  P2: { calendar: "24/7", firstResponseMinutes: 30, resolutionMinutes: 8 * 60 },
  P3: { calendar: "business", firstResponseMinutes: 4 * 60, resolutionMinutes: 24 * 60 },
  P4: { calendar: "business", firstResponseMinutes: "end_of_next_business_day", resolutionMinutes: 27 * 60 },
};

export function targetsFor(priority: string, createdAt: Date, cal: BusinessCalendar) {
  const targets = TICKET_SLA_TARGETS[priority] ?? (TICKET_SLA_TARGETS.P4 as Targets);
  const firstResponse =
    targets.firstResponseMinutes === "end_of_next_business_day"
      ? businessMinutesBetween(createdAt, endOfNextBusinessDay(createdAt, cal), cal)
      : targets.firstResponseMinutes;
  return { calendar: targets.calendar, firstResponse, resolution: targets.resolutionMinutes };
}
