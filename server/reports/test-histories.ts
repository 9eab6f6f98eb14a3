import type { BusinessCalendar } from "../lib/business-calendar.ts";
import type { HistoryEvent } from "./history.ts";

// Crafted event histories for the reports' unit tests only.

export const TOKYO_HOURS: BusinessCalendar = {
  timezone: "Asia/Tokyo",
  dayStartMin: 9 * 60,
  dayEndMin: 18 * 60,
  workDays: [1, 2, 3, 4, 5],
  holidays: ["2026-03-20"],
};

/** A wall-clock time in Tokyo, e.g. jst("2026-03-06T17:00"). */
export function jst(local: string): Date {
  return new Date(`${local}:00+09:00`);
}

/** Events in the order given, seq 1, 2, 3 … */
export function history(
  ...events: [type: string, at: Date, payload?: Record<string, unknown>][]
): HistoryEvent[] {
  return events.map(([type, occurredAt, payload], index) => ({
    seq: BigInt(index + 1),
    type,
    occurredAt,
    payload: payload ?? {},
  }));
}

export const created = (priority: string, extra: Record<string, unknown> = {}) => ({
  number: 1001,
  priority,
  category: "delivery_delay",
  source: "app",
  teamId: "team-consumer",
  externalId: null,
  ...extra,
});

export const status = (from: string, to: string) => ({ from, to });
