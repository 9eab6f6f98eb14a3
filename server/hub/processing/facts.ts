import type { Db } from "../../db/client.ts";
import { countBySubject, openTicketsForOrder } from "../processing-repository.ts";
import type { NormalisedEvent } from "../mapping/normalised.ts";
import { NO_FACTS, type FactName, type RouteFacts } from "../routes/facts.ts";

const DAY_MS = 24 * 3_600_000;

async function recentBySubject(db: Db, event: NormalisedEvent, role: "consumer" | "courier") {
  const id = event.subjects[role];
  if (id === undefined) return 0;
  const until = event.occurredAt;
  return countBySubject(db, event.type, { role, id }, new Date(until.getTime() - DAY_MS), until);
}

/** Reads the facts the event's rule names, and only those. */
export async function loadFacts(
  db: Db,
  event: NormalisedEvent,
  needs: readonly FactName[],
): Promise<RouteFacts> {
  const facts: RouteFacts = { ...NO_FACTS };
  for (const need of needs) {
    if (need === "consumerCancellations24h") facts[need] = await recentBySubject(db, event, "consumer");
    if (need === "courierFailures24h") facts[need] = await recentBySubject(db, event, "courier");
    if (need === "orderTickets" && event.orderRef)
      facts[need] = await openTicketsForOrder(db, event.orderRef);
  }
  return facts;
}
