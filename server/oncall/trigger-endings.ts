import { z } from "zod";
import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import type { DeliveredEvent } from "../events/delivered-event.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { endInTx } from "./escalation-engine.ts";
import { settleWatch } from "./watch-repository.ts";

// How a trigger's object ends its escalations: a person acknowledging, or the object resolving. Both are
// idempotent (an ended escalation is not matched again), so a redelivered event changes nothing.

const asUserId = (value: string | null) =>
  value !== null && z.uuid().safeParse(value).success ? value : null;

export const ended = (count: number, what: string) =>
  count === 0 ? `nothing to ${what}` : `${what}d ${count}`;

/** Acknowledges every live escalation of the event's object (of one trigger only, when named). */
export function acknowledge(
  db: Db,
  context: ServiceContext,
  event: DeliveredEvent,
  userId: string | null,
  trigger?: string,
) {
  const at = event.occurredAt;
  return withTransaction(db, async (tx) => {
    await settleWatch(tx, event.aggregateType, event.aggregateId, { acknowledgedAt: at });
    const rows = await endInTx(
      tx,
      context,
      { objectType: event.aggregateType, objectId: event.aggregateId, trigger },
      { status: "acknowledged", at, userId: asUserId(userId), via: "console" },
    );
    return ended(rows.length, "acknowledge");
  });
}

/** Resolves every live escalation of the event's object: its clock has nothing left to page about. */
export function resolve(db: Db, context: ServiceContext, event: DeliveredEvent) {
  return withTransaction(db, async (tx) => {
    await settleWatch(tx, event.aggregateType, event.aggregateId, { closedAt: event.occurredAt });
    const rows = await endInTx(
      tx,
      context,
      { objectType: event.aggregateType, objectId: event.aggregateId },
      { status: "resolved", at: event.occurredAt },
    );
    return ended(rows.length, "resolve");
  });
}
