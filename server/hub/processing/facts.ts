import type { Db } from "../../db/client.ts";
import { lowerBound, upperBound } from "../../lib/sorted.ts";
import { retentionCutoff } from "../../retention/policy.ts";
import { occurrencesBySubject, openTicketsForOrder } from "../processing-repository.ts";
import type { NormalisedEvent } from "../mapping/normalised.ts";
import { NO_FACTS, type FactName, type RouteFacts } from "../routes/facts.ts";

const DAY_MS = 24 * 3_600_000;

/** The inbox's horizon as the retention job applies it now: processing routes events as they arrive. */
export const inboxHorizon = () => retentionCutoff("inbound_events", new Date());

/** Minutes a sender's clock may run ahead of ours before its events' buckets count as the future. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The last indicator bucket an event may count into, now. */
export const latestBucket = () => new Date(Date.now() + CLOCK_SKEW_MS);

/**
 * The most events in any 24 h window that holds `at` (times in epoch ms). Events of one subject about different
 * orders are processed side by side and in any order; whichever is mapped last sees all of them, and this count
 * does not depend on which one that is (a count of the day before `at` would, when the earliest comes last).
 */
export function busiestDayAround(times: readonly number[], at: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  // Each window starts at one of the times, no later than `at` and no more than a day before it.
  const last = upperBound(sorted, at);
  for (let start = lowerBound(sorted, at - DAY_MS); start < last; start++) {
    const from = sorted[start]!;
    most = Math.max(most, upperBound(sorted, from + DAY_MS) - lowerBound(sorted, from));
  }
  return most;
}

async function dayCountOfSubject(
  db: Db,
  event: NormalisedEvent,
  role: "consumer" | "courier",
  countsItself: boolean,
) {
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
  return busiestDayAround(countsItself ? times : [...times, at], at);
}

/**
 * Reads the facts the event's rule names, and only those. `countsItself`: the event's own row is stored and
 * counted (processing); false adds it to its counts (a dry run of a row the counts leave out).
 */
export async function loadFacts(
  db: Db,
  event: NormalisedEvent,
  needs: readonly FactName[],
  { countsItself }: { countsItself: boolean },
): Promise<RouteFacts> {
  const facts: RouteFacts = { ...NO_FACTS };
  for (const need of needs) {
    if (need === "consumerCancellations24h")
      facts[need] = await dayCountOfSubject(db, event, "consumer", countsItself);
    if (need === "courierFailures24h")
      facts[need] = await dayCountOfSubject(db, event, "courier", countsItself);
    if (need === "orderTickets" && event.orderRef)
      facts[need] = await openTicketsForOrder(db, event.orderRef);
    if (need === "inboxHorizon") facts[need] = inboxHorizon();
    if (need === "latestBucket") facts[need] = latestBucket();
  }
  return facts;
}
