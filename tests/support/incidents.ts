import { randomUUID } from "node:crypto";
import type { SessionUser } from "../../server/auth/repository.ts";
import { getDb } from "../../server/db/client.ts";
import type { DeliveredEvent } from "../../server/events/delivered-event.ts";
import { saveCorrelationRule } from "../../server/incidents/rule-service.ts";
import { userContext } from "../../server/lib/service-context.ts";

/** A TicketCreated about a restaurant as the correlation consumer receives it, from one requester. */
export function restaurantTicketEvent(ticket: {
  restaurantId: string;
  at: Date;
  reporter: string;
  category?: string;
  cityId?: string | null;
}): DeliveredEvent {
  const { restaurantId, at, reporter, category = "delivery_delay", cityId = null } = ticket;
  return {
    id: randomUUID(),
    seq: 1n,
    type: "TicketCreated",
    aggregateType: "ticket",
    aggregateId: randomUUID(),
    payload: { number: 1, category, cityId, restaurantId, requesterKey: reporter },
    occurredAt: at,
    correlationId: randomUUID(),
  };
}

/**
 * A rule on restaurant tickets, saved as an admin would: five tickets from three requesters within 30 minutes
 * open an incident, which takes members for at most two hours.
 */
export async function saveRestaurantRule(
  admin: SessionUser,
  rule: { name: string; categories: string[]; priority: "P2" | "P3" },
): Promise<{ id: string }> {
  return saveCorrelationRule(getDb(), userContext(admin, "rule"), {
    name: rule.name,
    definition: {
      key: "restaurant",
      windowMinutes: 30,
      maxWindowMinutes: 120,
      minCount: 5,
      minReporters: 3,
      members: [{ kind: "ticket", categories: rule.categories }],
      priority: rule.priority,
      title: "Tickets about restaurant {key}",
    },
  });
}
