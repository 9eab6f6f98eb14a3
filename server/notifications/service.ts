import type { Db } from "../db/client.ts";
import { withTransaction, type Tx } from "../db/transaction.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { enabledChannelsOfKinds } from "./channel-repository.ts";
import { enqueueInput, type EnqueueInput, type EnqueueResult } from "./contract.ts";
import { insertDeliveries } from "./outbox-repository.ts";
import { outboxEnqueued } from "./outbox-wake.ts";
import { planDeliveries } from "./routing.ts";
import type { ChannelKind } from "./types.ts";

// The public way in: "notify these people on these channels about this object". Other domains reach it through
// events (the escalation consumer); a caller already in a transaction uses enqueueNotificationsIn.

/** Inside the caller's transaction: the rows commit (or vanish) with the caller's change. */
export async function enqueueNotificationsIn(tx: Tx, raw: EnqueueInput): Promise<EnqueueResult> {
  const input = enqueueInput.parse(raw);
  const kinds = [...new Set(input.recipients.flatMap((recipient) => recipient.channels))] as ChannelKind[];
  const channels = await enabledChannelsOfKinds(tx, kinds);
  const { rows, unrouted } = planDeliveries(
    input,
    channels.map((channel) => ({
      id: channel.id,
      kind: channel.kind,
      objectTypes: objectTypesOf(channel.config),
    })),
  );
  const inserted = await insertDeliveries(
    tx,
    rows.map(({ notBefore, ...row }) => (notBefore ? { ...row, availableAt: notBefore } : row)),
  );
  return { queued: inserted.length, duplicates: rows.length - inserted.length, unrouted };
}

function objectTypesOf(config: unknown): string[] {
  const types = (config as { objectTypes?: unknown } | null)?.objectTypes;
  return Array.isArray(types) ? types.filter((type): type is string => typeof type === "string") : [];
}

/** The use case: one transaction; the delivery worker in this process is woken once it commits. */
export async function enqueueNotifications(
  db: Db,
  context: ServiceContext,
  raw: EnqueueInput,
): Promise<EnqueueResult> {
  if (context.actor.type !== "system") requirePermission(context, "notifications:manage");
  const result = await withTransaction(db, (tx) => enqueueNotificationsIn(tx, raw));
  if (result.queued > 0) outboxEnqueued();
  return result;
}
