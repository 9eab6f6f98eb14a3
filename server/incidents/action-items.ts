import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import { parseInput } from "../lib/parse-input.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { addActionItemInput } from "./contract.ts";
import { incidentEvent } from "./events.ts";
import { lockIncident } from "./incident-repository.ts";
import { isTicketCategory, ticketCategoryNames } from "./reference-repository.ts";
import { isOpen } from "./state-machine.ts";

// Postmortem action items: each is recorded on the incident (event and audit) and opened as a ticket by the tickets
// domain (consumer tickets.incident-action-items), once, the item's id being the ticket's externalId.

export async function addActionItem(
  db: Db,
  context: ServiceContext,
  raw: unknown,
): Promise<{ itemId: string }> {
  requirePermission(context, "incidents:write");
  const input = parseInput(addActionItemInput, raw);
  // Checked here, not only at an edge: a category the tickets domain does not know would dead-letter its ticket.
  if (!isTicketCategory(input.category)) {
    throw new AppError(
      "BAD_REQUEST",
      `category: "${input.category.slice(0, 50)}" is not a ticket category (${ticketCategoryNames().join(", ")})`,
      { details: { field: "category" } },
    );
  }
  return withTransaction(db, async (tx) => {
    const incident = await lockIncident(tx, input.incidentId);
    if (!incident) throw new AppError("NOT_FOUND", `incidentId: no incident ${input.incidentId}`);
    if (isOpen(incident.state))
      throw new AppError(
        "UNPROCESSABLE",
        "incidentId: action items come from the postmortem of a resolved incident",
        {
          details: { state: incident.state },
        },
      );
    const itemId = randomUUID();
    // The event's own title stays the incident's; the item's is its ticket's subject.
    const item = {
      itemId,
      itemTitle: `[Incident #${incident.number}] ${input.title}`,
      description: input.description,
      category: input.category,
      priority: input.priority,
    };
    await recordEvents(tx, context, [
      incidentEvent("IncidentActionItemAdded", incident, { ...item, reason: input.title }),
    ]);
    return { itemId };
  });
}
