import type { Queryable } from "../db/transaction.ts";
import type { BusinessCalendar } from "../lib/business-calendar.ts";
import type { HistoryEvent } from "./history.ts";
import { loadHistories } from "./event-repository.ts";
import { teamCalendars, upsertTicketFacts } from "./fact-repository.ts";
import { ticketFact, type TicketFact } from "./ticket-facts.ts";
import { foldTicketEvents } from "./ticket-history.ts";

// Folds tickets' event histories into fact rows and writes them: the one path both the consumer (one ticket per
// event) and the recompute command (pages of tickets) take, so the two cannot disagree.

const TICKET_FACT_EVENTS = [
  "TicketCreated",
  "TicketAssigned",
  "TicketStatusUpdated",
  "TicketUpdated",
  "TicketCommented",
  "TicketResolved",
  "TicketEscalated",
  "SlaBreached",
] as const;

// Calendars change rarely (an admin edit); a minute's staleness is fine for reporting, a query per event is not.
const CALENDAR_TTL_MS = 60_000;
let calendars: { at: number; byTeam: Map<string, BusinessCalendar> } | null = null;

async function calendarsFor(db: Queryable, teamIds: readonly string[]) {
  const cached = calendars;
  if (
    cached !== null &&
    Date.now() - cached.at < CALENDAR_TTL_MS &&
    teamIds.every((id) => cached.byTeam.has(id))
  ) {
    return cached.byTeam;
  }
  const byTeam = await teamCalendars(db);
  calendars = { at: Date.now(), byTeam };
  return byTeam;
}

/** A team whose calendar is gone (deleted) falls back to UTC office hours rather than losing the ticket. */
const FALLBACK_CALENDAR: BusinessCalendar = {
  timezone: "UTC",
  dayStartMin: 540,
  dayEndMin: 1080,
  workDays: [1, 2, 3, 4, 5],
  holidays: [],
};

/** A ticket's history already in hand, by ticket id: it is folded as it is instead of read from the log. */
export type KnownHistories = ReadonlyMap<string, readonly HistoryEvent[]>;

async function buildTicketFacts(
  db: Queryable,
  ticketIds: readonly string[],
  known: KnownHistories,
): Promise<TicketFact[]> {
  const unread = ticketIds.filter((id) => !known.has(id));
  const histories = await loadHistories(db, "ticket", unread, TICKET_FACT_EVENTS);
  const folded = ticketIds.flatMap((id) => {
    const history = foldTicketEvents(id, known.get(id) ?? histories.get(id) ?? []);
    return history === null ? [] : [history];
  });
  const byTeam = await calendarsFor(
    db,
    folded.map((h) => h.teamId),
  );
  return folded.map((history) => ticketFact(history, byTeam.get(history.teamId) ?? FALLBACK_CALENDAR));
}

export async function refreshTicketFacts(
  db: Queryable,
  ticketIds: readonly string[],
  known: KnownHistories = new Map(),
): Promise<number> {
  return upsertTicketFacts(db, await buildTicketFacts(db, ticketIds, known));
}
