import type { JsonValue } from "../db/json.ts";
import type { Queryable, Tx } from "../db/transaction.ts";
import type { ChannelKind, NotificationAction, ResponseRecord, Severity } from "./types.ts";

// The outbox (NotificationDelivery) and the in-app rows it delivers (Notification). Only this file reads or writes
// them. Claims follow the backbone's pattern: FOR UPDATE SKIP LOCKED, and a lease kept in availableAt, so a
// crashed worker's rows come back when the lease ends.

export type DeliveryStatus = "queued" | "sending" | "delivered" | "retrying" | "dead" | "cancelled";

export interface NewDelivery {
  idempotencyKey: string;
  channelId: string | null;
  channelKind: ChannelKind;
  recipientUserId: string | null;
  objectType: string;
  objectId: string;
  escalationId: string | null;
  step: string;
  action: NotificationAction;
  severity: Severity;
  title: string;
  path: string;
  /** Not before this (quiet hours); now when absent. */
  availableAt?: Date;
}

export interface ClaimedDelivery extends Omit<NewDelivery, "availableAt"> {
  id: string;
  attempts: number;
}

/** Inserts the rows whose key is new; returns those (a key seen before is skipped, not an error). */
export async function insertDeliveries(
  tx: Tx,
  rows: readonly NewDelivery[],
): Promise<{ id: string; idempotencyKey: string }[]> {
  if (rows.length === 0) return [];
  return tx.notificationDelivery.createManyAndReturn({
    data: [...rows],
    skipDuplicates: true,
    select: { id: true, idempotencyKey: true },
  });
}

/**
 * Due rows (new, backing off, or sending under a lapsed lease), leased for `leaseMs`, oldest first. A row whose
 * escalation ended while it was sending is not tried again when its lease lapses (its worker died): it is cancelled.
 */
export async function claimDueDeliveries(
  db: Queryable,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  return db.$queryRaw<ClaimedDelivery[]>`
    WITH stopped AS (
      UPDATE "NotificationDelivery" SET status = 'cancelled', "cancelledAt" = now(), "updatedAt" = now()
       WHERE status = 'sending' AND "cancelReason" IS NOT NULL AND "availableAt" <= now()
    ), due AS (
      SELECT id FROM "NotificationDelivery"
       WHERE (status IN ('queued', 'retrying') OR (status = 'sending' AND "cancelReason" IS NULL))
         AND "availableAt" <= now()
       ORDER BY "availableAt"
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED
    )
    UPDATE "NotificationDelivery" d
       SET status = 'sending', attempts = d.attempts + 1,
           "availableAt" = now() + ${leaseMs} * interval '1 millisecond', "updatedAt" = now()
      FROM due
     WHERE d.id = due.id
    RETURNING d.id::text AS id, d.attempts, d."idempotencyKey", d."channelId"::text AS "channelId",
              d."channelKind"::text AS "channelKind", d."recipientUserId"::text AS "recipientUserId",
              d."objectType", d."objectId", d."escalationId"::text AS "escalationId", d.step, d.action,
              d.severity, d.title, d.path`;
}

/** A claimed row is still ours while it is sending under the attempt we claimed. */
interface Claim {
  id: string;
  attempts: number;
}

export interface DeliveredUpdate extends Claim {
  receipt: string | null;
  response: ResponseRecord;
}

export interface FailedUpdate extends Claim {
  error: string;
  response: ResponseRecord | null;
  /** null: a dead letter. */
  retryInMs: number | null;
}

export interface DeferredUpdate extends Claim {
  /** Rate-limited before sending: back in the queue without spending the attempt. */
  retryInMs: number;
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

/** Returns the ids whose update took (a row whose lease lapsed to another worker is left to it). */
export async function markDelivered(tx: Tx, rows: readonly DeliveredUpdate[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const updated = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "NotificationDelivery" d
       SET status = 'delivered', "deliveredAt" = now(), "updatedAt" = now(), "lastError" = NULL,
           receipt = u.receipt, response = u.response
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.attempts)}::int[],
                  ${rows.map((r) => r.receipt)}::text[], ${rows.map((r) => json(r.response))}::jsonb[])
           AS u(id, attempts, receipt, response)
     WHERE d.id = u.id AND d.attempts = u.attempts AND d.status = 'sending'
    RETURNING d.id::text AS id`;
  return updated.map((row) => row.id);
}

export async function markFailed(tx: Tx, rows: readonly FailedUpdate[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const updated = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "NotificationDelivery" d
       SET status = CASE WHEN u.retry_ms IS NULL THEN 'dead'
                         WHEN d."cancelReason" IS NOT NULL THEN 'cancelled'
                         ELSE 'retrying' END::"NotificationDeliveryStatus",
           "cancelledAt" = CASE WHEN u.retry_ms IS NOT NULL AND d."cancelReason" IS NOT NULL THEN now() END,
           "availableAt" = CASE WHEN u.retry_ms IS NULL THEN d."availableAt"
                                ELSE now() + u.retry_ms * interval '1 millisecond' END,
           "lastError" = u.error, response = coalesce(u.response, d.response), "updatedAt" = now()
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.attempts)}::int[],
                  ${rows.map((r) => r.error)}::text[], ${rows.map((r) => json(r.response))}::jsonb[],
                  ${rows.map((r) => r.retryInMs)}::int[])
           AS u(id, attempts, error, response, retry_ms)
     WHERE d.id = u.id AND d.attempts = u.attempts AND d.status = 'sending'
    RETURNING d.id::text AS id`;
  return updated.map((row) => row.id);
}

export async function markDeferred(db: Queryable, rows: readonly DeferredUpdate[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    UPDATE "NotificationDelivery" d
       SET status = CASE WHEN d."cancelReason" IS NULL THEN 'queued' ELSE 'cancelled' END::"NotificationDeliveryStatus",
           "cancelledAt" = CASE WHEN d."cancelReason" IS NOT NULL THEN now() END,
           attempts = d.attempts - 1,
           "availableAt" = now() + u.retry_ms * interval '1 millisecond', "updatedAt" = now()
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.attempts)}::int[],
                  ${rows.map((r) => r.retryInMs)}::int[]) AS u(id, attempts, retry_ms)
     WHERE d.id = u.id AND d.attempts = u.attempts AND d.status = 'sending'`;
}

export interface InAppRow {
  deliveryId: string;
  userId: string;
  objectType: string;
  objectId: string;
  title: string;
  path: string;
  severity: string;
}

/** The in-app delivery: the notification row itself (once per delivery, whatever the retries). */
export async function insertInApp(tx: Tx, rows: readonly InAppRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.notification.createMany({ data: [...rows], skipDuplicates: true });
}

export interface RecipientRow {
  id: string;
  name: string;
  email: string;
  locale: string;
  disabledAt: Date | null;
}

export const findRecipients = (db: Queryable, ids: readonly string[]): Promise<RecipientRow[]> =>
  db.user.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, name: true, email: true, locale: true, disabledAt: true },
  });

export interface DeliveryListRow {
  id: string;
  channelId: string | null;
  channelName: string | null;
  channelKind: ChannelKind;
  recipientUserId: string | null;
  recipientName: string | null;
  objectType: string;
  objectId: string;
  step: string;
  action: string;
  severity: string;
  title: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  cancelReason: string | null;
  receipt: string | null;
  response: JsonValue | null;
  createdAt: Date;
  deliveredAt: Date | null;
  updatedAt: Date;
}

/** Newest first, optionally of one status or one object. */
export async function listDeliveries(
  db: Queryable,
  filter: { status?: DeliveryStatus; objectType?: string; objectId?: string; limit: number },
): Promise<DeliveryListRow[]> {
  const rows = await db.notificationDelivery.findMany({
    where: {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.objectType ? { objectType: filter.objectType, objectId: filter.objectId } : {}),
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: filter.limit,
    include: { channel: { select: { name: true } } },
  });
  const names = await recipientNames(
    db,
    rows.map((row) => row.recipientUserId),
  );
  return rows.map(({ channel, ...row }) => ({
    ...row,
    channelName: channel?.name ?? null,
    recipientName: row.recipientUserId ? (names.get(row.recipientUserId) ?? null) : null,
  }));
}

async function recipientNames(db: Queryable, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}

export interface PageCancellation {
  escalationId: string;
  objectType: string;
  objectId: string;
  reason: string;
}

/**
 * Stops the pages an ended escalation still has in the outbox: its own rows on every channel, and the object's rows
 * on the channels other than PagerDuty (whose alert the acknowledge/resolve message closes). Only triggers: the
 * provider acknowledge/resolve messages must still go. One UPDATE; a row the worker has already claimed (sending)
 * is not taken back, but marked, so a failure or a rate-limit hold ends it as cancelled instead of retrying it.
 * The claim moves rows only from queued/retrying under a row lock, so either the claim or this update wins a row.
 */
export async function cancelPendingPages(
  tx: Tx,
  cancel: PageCancellation,
): Promise<{ cancelled: number; inFlight: number }> {
  const rows = await tx.$queryRaw<{ status: DeliveryStatus }[]>`
    UPDATE "NotificationDelivery"
       SET status = CASE WHEN status = 'sending' THEN status ELSE 'cancelled' END,
           "cancelledAt" = CASE WHEN status = 'sending' THEN NULL ELSE now() END,
           "cancelReason" = ${cancel.reason}, "updatedAt" = now()
     WHERE status IN ('queued', 'retrying', 'sending') AND action = 'trigger' AND "cancelReason" IS NULL
       AND ("escalationId" = ${cancel.escalationId}::uuid
            OR ("objectType" = ${cancel.objectType} AND "objectId" = ${cancel.objectId}
                AND "channelKind" <> 'pagerduty'))
    RETURNING status::text AS status`;
  const inFlight = rows.filter((row) => row.status === "sending").length;
  return { cancelled: rows.length - inFlight, inFlight };
}

/**
 * Claimed PagerDuty acknowledge/resolve rows that must wait: a trigger of the same object on the same channel,
 * enqueued before them, is not yet delivered or given up. Sent first, they would name no alert (or the one before).
 */
export async function heldBehindTrigger(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT d.id::text AS id FROM "NotificationDelivery" d
     WHERE d.id = ANY(${[...ids]}::uuid[])
       AND EXISTS (SELECT 1 FROM "NotificationDelivery" t
                    WHERE t."objectType" = d."objectType" AND t."objectId" = d."objectId"
                      AND t."channelId" = d."channelId" AND t.action = 'trigger'
                      AND t.status IN ('queued', 'sending', 'retrying')
                      AND t."createdAt" <= d."createdAt" AND t.id <> d.id)`;
  return new Set(rows.map((row) => row.id));
}

/** Dead letters back to the queue, due now with a fresh attempt count; returns those that were dead. */
export async function reviveDead(
  tx: Tx,
  ids: readonly string[],
): Promise<{ id: string; objectType: string; objectId: string; channelKind: string }[]> {
  if (ids.length === 0) return [];
  return tx.$queryRaw`
    UPDATE "NotificationDelivery"
       SET status = 'queued', attempts = 0, "availableAt" = now(), "updatedAt" = now()
     WHERE id = ANY(${[...ids]}::uuid[]) AND status = 'dead'
    RETURNING id::text AS id, "objectType", "objectId", "channelKind"::text AS "channelKind"`;
}

export async function outboxDepth(db: Queryable): Promise<Record<DeliveryStatus, number>> {
  const rows = await db.notificationDelivery.groupBy({ by: ["status"], _count: { _all: true } });
  const depth: Record<DeliveryStatus, number> = {
    queued: 0,
    sending: 0,
    delivered: 0,
    retrying: 0,
    dead: 0,
    cancelled: 0,
  };
  for (const row of rows) depth[row.status] = row._count._all;
  return depth;
}

/** The object's NotificationAcknowledged events, recorded with the object as their aggregate. */
export const findAcknowledgements = (db: Queryable, objectType: string, objectId: string) =>
  db.domainEvent.findMany({
    where: { aggregateType: objectType, aggregateId: objectId, type: "NotificationAcknowledged" },
    orderBy: { seq: "asc" },
    select: { occurredAt: true, payload: true },
  });

/**
 * Acknowledgements made in the console of the escalations that paged the object. The outbox names those
 * escalations, so the event log is read by aggregate (indexed), not scanned by type. Provider-side acknowledgements
 * are already NotificationAcknowledged on the object.
 */
export async function findConsoleEscalationAcks(db: Queryable, objectType: string, objectId: string) {
  const escalations = await db.notificationDelivery.findMany({
    where: { objectType, objectId, escalationId: { not: null } },
    distinct: ["escalationId"],
    select: { escalationId: true },
  });
  const ids = escalations.flatMap((row) => (row.escalationId ? [row.escalationId] : []));
  if (ids.length === 0) return [];
  const events = await db.domainEvent.findMany({
    where: { aggregateType: "escalation", aggregateId: { in: ids }, type: "EscalationAcknowledged" },
    orderBy: { seq: "asc" },
    select: { occurredAt: true, payload: true },
  });
  return events.filter((event) => (event.payload as { via?: unknown } | null)?.via === "console");
}

/**
 * Delivered rows older than `olderThan`, removed in short chunks (each its own statement, so no long lock). An
 * in-app row still unread stays: deleting the delivery would take the person's notification with it.
 */
export async function pruneDeliveredBefore(db: Queryable, olderThan: Date, chunk: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const count = await db.$executeRaw`
      DELETE FROM "NotificationDelivery" WHERE id IN (
        SELECT d.id FROM "NotificationDelivery" d
         WHERE d.status = 'delivered' AND d."deliveredAt" < ${olderThan}
           AND NOT EXISTS (SELECT 1 FROM "Notification" n WHERE n."deliveryId" = d.id AND n."readAt" IS NULL)
         LIMIT ${chunk}
         FOR UPDATE SKIP LOCKED)`;
    removed += count;
    if (count < chunk) return removed;
  }
}

export const userNames = (db: Queryable, ids: readonly (string | null)[]) => recipientNames(db, ids);
