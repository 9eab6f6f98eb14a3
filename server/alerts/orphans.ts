import type { Tx } from "../db/transaction.ts";
import { recordEvent } from "../events/record.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { alertEventPayload } from "./event-payload.ts";
import { deleteAlert, findAlertWithContext, updateAlert } from "./repository.ts";

// Open alerts whose rule no longer covers their city (disabled, deleted from the city's scope) end here.

/**
 * Returns whether a firing alert was resolved. A pending alert is dropped (nothing was
 * announced); a firing one resolves with an event saying why.
 */
export async function endAlert(
  tx: Tx,
  context: ServiceContext,
  alertId: string,
  reason: string,
): Promise<boolean> {
  const now = context.clock.now();
  const found = await findAlertWithContext(tx, alertId);
  if (!found) return false;
  if (found.alert.state === "pending") {
    await deleteAlert(tx, found.alert);
    return false;
  }
  const next = {
    ...found.alert,
    state: "resolved" as const,
    openKey: null,
    resolvedAt: now,
    lastEvaluatedAt: now,
  };
  if (!(await updateAlert(tx, found.alert, next))) return false;
  await recordEvent(tx, context, {
    type: "AlertResolved",
    aggregateType: "alert",
    aggregateId: alertId,
    payload: alertEventPayload(
      { ...next, id: alertId, version: found.alert.version + 1 },
      found.rule,
      found.city,
      {
        reason,
      },
    ),
  });
  return true;
}
