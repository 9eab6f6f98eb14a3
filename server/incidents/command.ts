import { loadSessionUser } from "../auth/repository.ts";
import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import { parseInput } from "../lib/parse-input.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { assignCommanderInput, type IncidentSummary } from "./contract.ts";
import { incidentEvent } from "./events.ts";
import { countMembers, lockIncident, updateIncidentAtVersion, toSummary } from "./incident-repository.ts";
import { isOpen } from "./state-machine.ts";

// Taking command of an incident: an incident opened by correlation has no commander, and a commander hands over.
// Someone taking command is the acknowledgement the respond target waits for, so it meets that target.

/** A commander is an active user; anything else is a 400 naming the field, before anything is written. */
export async function requireCommander(db: Db, id: string, field = "commanderId"): Promise<void> {
  if (await loadSessionUser(db, id)) return;
  throw new AppError("BAD_REQUEST", `${field}: no active user ${id}`, { details: { field } });
}

export async function assignCommander(
  db: Db,
  context: ServiceContext,
  raw: unknown,
): Promise<IncidentSummary> {
  requirePermission(context, "incidents:write");
  const input = parseInput(assignCommanderInput, raw);
  await requireCommander(db, input.commanderId);
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    const current = await lockIncident(tx, input.incidentId);
    if (!current) throw new AppError("NOT_FOUND", `incidentId: no incident ${input.incidentId}`);
    if (!isOpen(current.state))
      throw new AppError("UNPROCESSABLE", `incidentId: incident #${current.number} is ${current.state}`, {
        details: { state: current.state },
      });
    const updated = await updateIncidentAtVersion(tx, current.id, input.expectedVersion, {
      commanderId: input.commanderId,
      acknowledgedAt: current.acknowledgedAt ?? now,
      updatedAt: now,
    });
    if (!updated) {
      throw new AppError("CONFLICT", "Someone changed this incident first; here is its current state.", {
        details: { current: toSummary(current, await countMembers(tx, current.id)) },
      });
    }
    await recordEvents(tx, context, [
      incidentEvent("IncidentCommanderAssigned", updated, {
        from: current.commanderId,
        reason: input.reason ?? "took command",
      }),
    ]);
    return toSummary(updated, await countMembers(tx, updated.id));
  });
}
