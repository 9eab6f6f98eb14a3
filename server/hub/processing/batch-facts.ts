import type { Db } from "../../db/client.ts";
import type { NormalisedEvent } from "../mapping/normalised.ts";
import { NO_FACTS, type RouteFacts } from "../routes/facts.ts";
import { factsNeeded } from "../routes/table.ts";
import { occurrencesOfSubjects, openTicketsForOrders } from "./batch-repository.ts";
import { busiestDayAround, inboxHorizon, latestBucket } from "./facts.ts";

// The facts of a whole batch, as loadFacts reads them for one event: a statement per fact and subject role for
// the batch, not one per event. The batch's rows are saved normalised first, so each event counts itself and
// the batch's other events, as it would once they were processed one by one.

const DAY_MS = 24 * 3_600_000;

const SUBJECT_FACTS = {
  consumerCancellations24h: "consumer",
  courierFailures24h: "courier",
} as const;

type SubjectFact = keyof typeof SUBJECT_FACTS;

/** For one fact: each needing event's busiest day of the same type about its subject. */
async function subjectCounts(
  db: Db,
  fact: SubjectFact,
  events: readonly NormalisedEvent[],
  facts: RouteFacts[],
) {
  const role = SUBJECT_FACTS[fact];
  const needing = events.flatMap((event, index) =>
    factsNeeded(event).includes(fact) && event.subjects[role] !== undefined ? [{ event, index }] : [],
  );
  const byType = new Map<string, typeof needing>();
  for (const entry of needing) {
    const group = byType.get(entry.event.type);
    if (group) group.push(entry);
    else byType.set(entry.event.type, [entry]);
  }
  for (const [type, group] of byType) {
    const times = group.map(({ event }) => event.occurredAt.getTime());
    const occurrences = await occurrencesOfSubjects(
      db,
      type,
      role,
      [...new Set(group.map(({ event }) => event.subjects[role]!))],
      new Date(Math.min(...times) - DAY_MS),
      new Date(Math.max(...times) + DAY_MS),
    );
    for (const { event, index } of group) {
      const at = event.occurredAt.getTime();
      const around = (occurrences.get(event.subjects[role]!) ?? []).filter(
        (time) => Math.abs(time - at) <= DAY_MS,
      );
      facts[index]![fact] = busiestDayAround(around, at);
    }
  }
}

/** Each event's facts, in input order; facts an event's rule does not name keep their neutral value. */
export async function loadFactsOfBatch(db: Db, events: readonly NormalisedEvent[]): Promise<RouteFacts[]> {
  const facts = events.map((): RouteFacts => ({ ...NO_FACTS }));
  for (const fact of Object.keys(SUBJECT_FACTS) as SubjectFact[])
    await subjectCounts(db, fact, events, facts);
  const ordersNeeding = events.flatMap((event, index) =>
    factsNeeded(event).includes("orderTickets") && event.orderRef
      ? [{ orderRef: event.orderRef, index }]
      : [],
  );
  if (ordersNeeding.length > 0) {
    const tickets = await openTicketsForOrders(db, [...new Set(ordersNeeding.map((o) => o.orderRef))]);
    for (const { orderRef, index } of ordersNeeding) facts[index]!.orderTickets = tickets.get(orderRef) ?? [];
  }
  const horizon = inboxHorizon();
  const latest = latestBucket();
  events.forEach((event, index) => {
    const needs = factsNeeded(event);
    if (needs.includes("inboxHorizon")) facts[index]!.inboxHorizon = horizon;
    if (needs.includes("latestBucket")) facts[index]!.latestBucket = latest;
  });
  return facts;
}
