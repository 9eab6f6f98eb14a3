import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import type { Permission } from "../auth/permissions.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import type { DeliveryLogEntry } from "./contract.ts";
import {
  findAcknowledgements,
  findConsoleEscalationAcks,
  listDeliveries,
  outboxDepth,
  pruneDeliveredBefore,
  reviveDead,
  type DeliveryListRow,
  type DeliveryStatus,
  userNames,
} from "./outbox-repository.ts";
import { outboxEnqueued } from "./outbox-wake.ts";

// What admins and timelines see of the outbox: recent deliveries and dead letters, a redrive, and one object's
// delivery log ("paged Aoi via PagerDuty 14:03, acknowledged 14:05").

const deliveryView = (row: DeliveryListRow) => ({
  id: row.id,
  channelName: row.channelName,
  channelKind: row.channelKind,
  recipientName: row.recipientName,
  objectType: row.objectType,
  objectId: row.objectId,
  step: row.step,
  action: row.action,
  severity: row.severity,
  title: row.title,
  status: row.status,
  attempts: row.attempts,
  lastError: row.lastError,
  // A row stopped while in flight keeps the reason but went out: only a cancelled one shows it.
  cancelReason: row.status === "cancelled" ? row.cancelReason : null,
  receipt: row.receipt,
  createdAt: row.createdAt,
  deliveredAt: row.deliveredAt,
  updatedAt: row.updatedAt,
});

export async function outboxOverview(
  db: Db,
  context: ServiceContext,
  input: { status?: DeliveryStatus; limit: number },
) {
  requirePermission(context, "notifications:manage");
  const [depth, rows] = await Promise.all([outboxDepth(db), listDeliveries(db, input)]);
  return { depth, deliveries: rows.map(deliveryView) };
}

/** Dead letters go back to the queue, due now with fresh attempts; one audited event per redrive. */
export async function redriveNotifications(db: Db, context: ServiceContext, input: { ids: string[] }) {
  requirePermission(context, "notifications:manage");
  const result = await withTransaction(db, async (tx) => {
    const revived = await reviveDead(tx, input.ids);
    if (revived.length > 0) {
      await recordEvents(tx, context, [
        {
          type: "NotificationsRedriven",
          aggregateType: "notification_outbox",
          aggregateId: "dead-letters",
          payload: { deliveries: revived.map((row) => ({ ...row })) },
        },
      ]);
    }
    return { redriven: revived.length, notDead: input.ids.length - revived.length };
  });
  if (result.redriven > 0) outboxEnqueued();
  return result;
}

const ACK_VIA = new Set(["console", "pagerduty", "slack", "email"]);

/** The object's pages and acknowledgements (at a provider or in the console) in time order, for its timeline. */
export async function deliveryLog(
  db: Db,
  input: { objectType: string; objectId: string },
): Promise<DeliveryLogEntry[]> {
  const [deliveries, providerAcks, consoleAcks] = await Promise.all([
    listDeliveries(db, { objectType: input.objectType, objectId: input.objectId, limit: 500 }),
    findAcknowledgements(db, input.objectType, input.objectId),
    findConsoleEscalationAcks(db, input.objectType, input.objectId),
  ]);
  const acks = [...providerAcks, ...consoleAcks].map((event) => {
    const payload = (event.payload ?? {}) as { via?: string; userId?: string | null; at?: string };
    return {
      at: payload.at ? new Date(payload.at) : event.occurredAt,
      via: payload.via && ACK_VIA.has(payload.via) ? payload.via : "console",
      userId: payload.userId ?? null,
    };
  });
  const names = await userNames(
    db,
    acks.map((ack) => ack.userId),
  );
  const entries: DeliveryLogEntry[] = [
    ...deliveries.map((row) => ({
      kind: "delivery" as const,
      at: row.deliveredAt ?? row.updatedAt,
      status: row.status,
      channelKind: row.channelKind,
      channelName: row.channelName,
      recipientName: row.recipientName,
      action: row.action,
      attempts: row.attempts,
      lastError: row.lastError,
    })),
    ...acks.map((ack) => ({
      kind: "acknowledged" as const,
      ...ack,
      userName: ack.userId ? (names.get(ack.userId) ?? null) : null,
    })),
  ];
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

// Who may read an object's delivery log: whoever may read the object (unknown object types: nobody but admins).
const OBJECT_READ: Readonly<Record<string, Permission>> = {
  ticket: "tickets:read",
  risk_case: "risks:read",
  alert: "cities:read",
  incident: "incidents:read",
  workflow: "workflows:read",
};

export async function objectDeliveryLog(
  db: Db,
  context: ServiceContext,
  input: { objectType: string; objectId: string },
): Promise<DeliveryLogEntry[]> {
  requirePermission(context, "notifications:read");
  requirePermission(context, OBJECT_READ[input.objectType] ?? "notifications:manage");
  return deliveryLog(db, input);
}

/** Delivered outbox rows (and read in-app notifications) are kept this long for timelines and receipts. */
const KEEP_DELIVERED_DAYS = 90;

/** The prune job: idempotent, so two runs at once (a cron route and the scheduler) only share the work. */
export async function pruneDeliveredNotifications(
  db: Db,
  context: ServiceContext,
  options: { keepDays?: number; chunk?: number } = {},
) {
  const keepDays = options.keepDays ?? KEEP_DELIVERED_DAYS;
  const cutoff = new Date(context.clock.now().getTime() - keepDays * 24 * 3_600_000);
  const removed = await pruneDeliveredBefore(db, cutoff, options.chunk ?? 5_000);
  return { removed, cutoff: cutoff.toISOString() };
}
