import type { JsonValue, InputJsonObject } from "../db/json.ts";
import type { Queryable, Tx } from "../db/transaction.ts";
import type { ChannelKind } from "./types.ts";

// Channels and PagerDuty's incident keys. Only this file reads or writes NotificationChannel and
// NotificationIncidentKey.

export interface ChannelRow {
  id: string;
  kind: ChannelKind;
  name: string;
  config: JsonValue;
  secretCiphertext: string | null;
  enabled: boolean;
  ratePerMinute: number;
  updatedAt: Date;
}

const CHANNEL_COLUMNS = {
  id: true,
  kind: true,
  name: true,
  config: true,
  secretCiphertext: true,
  enabled: true,
  ratePerMinute: true,
  updatedAt: true,
} as const;

export const listChannels = (db: Queryable): Promise<ChannelRow[]> =>
  db.notificationChannel.findMany({ select: CHANNEL_COLUMNS, orderBy: [{ kind: "asc" }, { name: "asc" }] });

export const findChannel = (db: Queryable, id: string): Promise<ChannelRow | null> =>
  db.notificationChannel.findUnique({ where: { id }, select: CHANNEL_COLUMNS });

export const findChannelsByIds = (db: Queryable, ids: readonly string[]): Promise<ChannelRow[]> =>
  db.notificationChannel.findMany({ where: { id: { in: [...ids] } }, select: CHANNEL_COLUMNS });

export const enabledChannelsOfKinds = (db: Queryable, kinds: readonly ChannelKind[]): Promise<ChannelRow[]> =>
  db.notificationChannel.findMany({
    where: { kind: { in: [...kinds] }, enabled: true },
    select: CHANNEL_COLUMNS,
    orderBy: { name: "asc" },
  });

export interface ChannelWrite {
  kind: ChannelKind;
  name: string;
  config: InputJsonObject;
  enabled: boolean;
  ratePerMinute: number;
  /** undefined keeps the stored secret. */
  secretCiphertext?: string | null;
}

export const insertChannel = (tx: Tx, data: ChannelWrite): Promise<ChannelRow> =>
  tx.notificationChannel.create({ data, select: CHANNEL_COLUMNS });

export const updateChannel = (tx: Tx, id: string, data: Omit<ChannelWrite, "kind">): Promise<ChannelRow> =>
  tx.notificationChannel.update({ where: { id }, data, select: CHANNEL_COLUMNS });

export const channelNameTaken = async (db: Queryable, name: string, exceptId?: string): Promise<boolean> =>
  (await db.notificationChannel.count({ where: { name, ...(exceptId ? { NOT: { id: exceptId } } : {}) } })) >
  0;

export interface IncidentKey {
  dedupKey: string;
  generation: number;
  resolvedAt: Date | null;
}

/** The object's current alert key on this channel, locked until the transaction ends (one opener at a time). */
export async function lockIncidentKey(
  tx: Tx,
  channelId: string,
  objectType: string,
  objectId: string,
): Promise<IncidentKey | null> {
  const rows = await tx.$queryRaw<IncidentKey[]>`
    SELECT "dedupKey", generation, "resolvedAt" FROM "NotificationIncidentKey"
     WHERE "channelId" = ${channelId}::uuid AND "objectType" = ${objectType} AND "objectId" = ${objectId}
       FOR UPDATE`;
  return rows[0] ?? null;
}

export async function saveIncidentKey(
  tx: Tx,
  key: { channelId: string; objectType: string; objectId: string } & IncidentKey,
): Promise<void> {
  const { channelId, objectType, objectId, ...state } = key;
  await tx.notificationIncidentKey.upsert({
    where: { channelId_objectType_objectId: { channelId, objectType, objectId } },
    create: { channelId, objectType, objectId, ...state },
    update: state,
  });
}

export const findIncidentByDedupKey = (db: Queryable, dedupKey: string) =>
  db.notificationIncidentKey.findUnique({
    where: { dedupKey },
    select: { channelId: true, objectType: true, objectId: true, generation: true, resolvedAt: true },
  });
