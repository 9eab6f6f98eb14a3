import type { Prisma } from "../db/generated/client.ts";
import { recordEvents } from "../events/record.ts";
import type { EventContext } from "../events/types.ts";

// The IndicatorUpdated events of one ingest batch (one per city), recorded together: a batch touching 50 cities
// spends its time storing points, not in per-event round trips.

export interface IndicatorUpdate {
  cityId: string;
  payload: Prisma.InputJsonObject;
}

/** Returns the first event's id (the cause of the alert evaluation that follows), if any. */
export async function recordIndicatorUpdates(
  tx: Prisma.TransactionClient,
  context: EventContext,
  updates: readonly IndicatorUpdate[],
): Promise<string | undefined> {
  const events = await recordEvents(
    tx,
    context,
    updates.map((update) => ({
      type: "IndicatorUpdated",
      aggregateType: "city",
      aggregateId: update.cityId,
      payload: update.payload,
    })),
  );
  return events[0]?.id;
}
