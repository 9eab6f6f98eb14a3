import type { Db } from "../../db/client.ts";
import { occurrencesBySubject, openTicketsForOrder } from "../processing-repository.ts";
import type { NormalisedEvent } from "../mapping/normalised.ts";
import { NO_FACTS, type FactName, type RouteFacts } from "../routes/facts.ts";

const DAY_MS = 24 * 3_600_000;

/**
 * The most events in any 24 h window that holds `at`. Events of one subject about different orders are processed
 * side by side and in any order; whichever is mapped last sees all of them, and this count does not depend on
 * which one that is (a count of the day before `at` would, when the earliest comes last).
 */
export function busiestDayAround(times: readonly Date[], at: Date): number {
  const t = at.getTime();
  let most = 0;
  for (const start of times) {
    const from = start.getTime();
    if (from > t || from + DAY_MS < t) continue;
    const count = times.filter((time) => time.getTime() >= from && time.getTime() <= from + DAY_MS).length;
    most = Math.max(most, count);
  }
  return most;
}

async function dayCountOfSubject(db: Db, event: NormalisedEvent, role: "consumer" | "courier") {
  const id = event.subjects[role];
  if (id === undefined) return 0;
  const at = event.occurredAt.getTime();
  const times = await occurrencesBySubject(
    db,
    event.type,
    { role, id },
    new Date(at - DAY_MS),
    new Date(at + DAY_MS),
  );
  return busiestDayAround(times, event.occurredAt);
}

/** Reads the facts the event's rule names, and only those. */
export async function loadFacts(
  db: Db,
  event: NormalisedEvent,
  needs: readonly FactName[],
): Promise<RouteFacts> {
  const facts: RouteFacts = { ...NO_FACTS };
  for (const need of needs) {
    if (need === "consumerCancellations24h") facts[need] = await dayCountOfSubject(db, event, "consumer");
    if (need === "courierFailures24h") facts[need] = await dayCountOfSubject(db, event, "courier");
    if (need === "orderTickets" && event.orderRef)
      facts[need] = await openTicketsForOrder(db, event.orderRef);
  }
  return facts;
}
