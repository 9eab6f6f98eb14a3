import type { Db } from "../db/client.ts";
import { withTransaction, type Tx } from "../db/transaction.ts";
import { findIncidentByDedupKey, lockIncidentKey, saveIncidentKey } from "./channel-repository.ts";
import type { NotificationAction } from "./types.ts";
import { dedupKeyFor } from "./pagerduty.ts";

// PagerDuty alert keys per object and channel. PagerDuty dedups triggers on an open alert's key, and a trigger
// with the key of a resolved alert opens a new one: so a trigger after a resolve takes the next generation's key,
// and an acknowledge or resolve always names the current one.

export type KeyDecision =
  | { kind: "use"; dedupKey: string }
  | { kind: "open"; generation: number; dedupKey: string }
  | { kind: "none" };

/** Pure: which key an action uses, given the object's current key (null when never paged on this channel). */
export function decideKey(
  action: NotificationAction,
  current: { generation: number; dedupKey: string; resolvedAt: Date | null } | null,
  objectType: string,
  objectId: string,
): KeyDecision {
  if (action !== "trigger") return current ? { kind: "use", dedupKey: current.dedupKey } : { kind: "none" };
  if (current && current.resolvedAt === null) return { kind: "use", dedupKey: current.dedupKey };
  const generation = current ? current.generation + 1 : 1;
  return { kind: "open", generation, dedupKey: dedupKeyFor(objectType, objectId, generation) };
}

export async function pagerdutyKeyFor(
  db: Db,
  row: { action: NotificationAction; objectType: string; objectId: string },
  channelId: string,
): Promise<string | null> {
  return withTransaction(db, async (tx) => {
    const current = await lockIncidentKey(tx, channelId, row.objectType, row.objectId);
    const decision = decideKey(row.action, current, row.objectType, row.objectId);
    if (decision.kind === "none") return null;
    if (decision.kind === "open") {
      await saveIncidentKey(tx, {
        channelId,
        objectType: row.objectType,
        objectId: row.objectId,
        generation: decision.generation,
        dedupKey: decision.dedupKey,
        resolvedAt: null,
      });
    }
    return decision.dedupKey;
  });
}

export async function saveResolved(
  tx: Tx,
  key: { channelId: string; objectType: string; objectId: string },
  at: Date,
): Promise<void> {
  const current = await lockIncidentKey(tx, key.channelId, key.objectType, key.objectId);
  if (current && current.resolvedAt === null)
    await saveIncidentKey(tx, { ...key, ...current, resolvedAt: at });
}

export const incidentOfDedupKey = (db: Db, dedupKey: string) => findIncidentByDedupKey(db, dedupKey);
