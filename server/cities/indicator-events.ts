import type { Tx } from "../db/transaction.ts";
import { recordEvents, type DomainEventInput } from "../events/record.ts";
import type { ServiceContext } from "../lib/service-context.ts";

// The IndicatorUpdated events of one ingest batch (one per city), recorded together: a batch touching 50 cities
// spends its time storing points, not in per-event round trips.

export interface IndicatorUpdate {
  cityId: string;
  payload: DomainEventInput["payload"];
}

/** Returns the first event's id (the cause of the alert evaluation that follows), if any. */
export async function recordIndicatorUpdates(
  tx: Tx,
  context: ServiceContext,
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
