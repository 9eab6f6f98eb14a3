import { z } from "zod";
import { ACTIONS, CHANNEL_KINDS, SEVERITIES } from "./types.ts";

// Inputs and outputs of the notification use cases (tRPC routers and other callers validate with these).

const objectType = z.string().min(1).max(40);
const objectId = z.string().min(1).max(200);

/**
 * "Notify these people on these channels about this object". Each recipient × channel becomes one outbox row,
 * keyed by (object, step, recipient, channel): enqueueing the same step again adds nothing.
 */
export const enqueueInput = z.object({
  objectType,
  objectId,
  escalationId: z.uuid().nullable().default(null),
  /** What distinguishes this message from the object's others ("esc-…:level-1:attempt-0", "resolved"). */
  step: z.string().min(1).max(200),
  action: z.enum(ACTIONS).default("trigger"),
  severity: z.enum(SEVERITIES),
  title: z.string().min(1).max(500),
  /** A console path the message links back to. */
  path: z.string().startsWith("/").max(500),
  recipients: z
    .array(
      z.object({
        /** null for messages to no one in particular (a Slack channel post, webhook subscribers, PagerDuty). */
        userId: z.uuid().nullable(),
        channels: z.array(z.enum(CHANNEL_KINDS)).min(1).max(CHANNEL_KINDS.length),
        /** Quiet hours: deliver no earlier than this (the caller resolves them; critical steps pass null). */
        notBefore: z.date().nullable().default(null),
      }),
    )
    .min(1)
    .max(200),
});
export type EnqueueInput = z.input<typeof enqueueInput>;

export interface EnqueueResult {
  /** Rows added now. */
  queued: number;
  /** Rows that were already in the outbox under the same key. */
  duplicates: number;
  /** Recipient × channel pairs with no enabled channel to carry them (nothing configured of that kind). */
  unrouted: { userId: string | null; channel: (typeof CHANNEL_KINDS)[number] }[];
}

// ── Channels (admin) ─────────────────────────────────────────────────────────

export const channelSaveInput = z.object({
  id: z.uuid().optional(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string().trim().min(1).max(80),
  enabled: z.boolean().default(true),
  ratePerMinute: z.number().int().min(1).max(100_000).default(60),
  config: z.record(z.string(), z.unknown()).default({}),
  /** Write-only: omitted or null keeps the stored secret; a value replaces it. */
  secret: z.unknown().optional(),
});
export type ChannelSaveInput = z.input<typeof channelSaveInput>;

export const channelView = z.object({
  id: z.uuid(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  enabled: z.boolean(),
  ratePerMinute: z.number().int(),
  config: z.record(z.string(), z.unknown()),
  hasSecret: z.boolean(),
  /** Why the channel cannot deliver as saved, or null. */
  problem: z.string().nullable(),
  updatedAt: z.date(),
});
export type ChannelView = z.infer<typeof channelView>;

export const channelTestInput = z.object({ id: z.uuid() });

// ── Outbox (admin, timelines) ────────────────────────────────────────────────

const deliveryStatus = z.enum(["queued", "sending", "delivered", "retrying", "dead", "cancelled"]);

const deliveryView = z.object({
  id: z.uuid(),
  channelName: z.string().nullable(),
  channelKind: z.enum(CHANNEL_KINDS),
  recipientName: z.string().nullable(),
  objectType: z.string(),
  objectId: z.string(),
  step: z.string(),
  action: z.string(),
  severity: z.string(),
  title: z.string(),
  status: deliveryStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** Why a cancelled row was stopped ("escalation acknowledged via console"). */
  cancelReason: z.string().nullable(),
  receipt: z.string().nullable(),
  createdAt: z.date(),
  deliveredAt: z.date().nullable(),
  updatedAt: z.date(),
});

export const outboxInput = z.object({
  status: deliveryStatus.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const outboxOverview = z.object({
  depth: z.record(deliveryStatus, z.number().int()),
  deliveries: z.array(deliveryView),
});

export const redriveInput = z.object({ ids: z.array(z.uuid()).min(1).max(500) });
export const redriveResult = z.object({ redriven: z.number().int(), notDead: z.number().int() });

export const deliveryLogInput = z.object({ objectType, objectId });

/** One line of an object's timeline: "paged Aoi via PagerDuty 14:03", "acknowledged 14:05". */
export const deliveryLogEntry = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("delivery"),
    at: z.date(),
    status: deliveryStatus,
    channelKind: z.enum(CHANNEL_KINDS),
    channelName: z.string().nullable(),
    recipientName: z.string().nullable(),
    action: z.string(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
  }),
  z.object({
    kind: z.literal("acknowledged"),
    at: z.date(),
    via: z.string(),
    userId: z.uuid().nullable(),
    userName: z.string().nullable(),
  }),
]);
export type DeliveryLogEntry = z.infer<typeof deliveryLogEntry>;

// ── The bell (one's own in-app notifications) ─────────────────────────────────

export const inboxInput = z.object({ limit: z.number().int().min(1).max(100).default(30) });

export const inboxView = z.object({
  unread: z.number().int(),
  items: z.array(
    z.object({
      id: z.uuid(),
      objectType: z.string(),
      objectId: z.string(),
      title: z.string(),
      path: z.string(),
      severity: z.string(),
      readAt: z.date().nullable(),
      createdAt: z.date(),
    }),
  ),
});
export type InboxView = z.infer<typeof inboxView>;

export const markReadInput = z.union([
  z.object({ ids: z.array(z.uuid()).min(1).max(100) }),
  z.object({ all: z.literal(true) }),
]);
export type MarkReadInput = z.infer<typeof markReadInput>;

export const markReadResult = z.object({ marked: z.number().int(), unread: z.number().int() });
