import { z } from "zod";
import { INBOUND_TYPES, SOURCE_KEYS } from "../catalogue.ts";

// What the "Event hub" admin screen sends and reads. Dates stay Dates over tRPC.

export const FAILURE_CLASSES = ["signature", "schema", "mapping", "routing", "downstream"] as const;

/** The rows an admin may replay: given up on, or kept without a route. */
const REPLAYABLE_STATUSES = ["dead", "unrouted"] as const;

/** At most this many rows per replay or dry-run call. */
const MAX_REPLAY_BATCH = 50;
/** At most this many rows replayed per admin per minute, across calls and instances. */
export const REPLAY_ROWS_PER_MINUTE = 200;

const sourceKey = z.enum(SOURCE_KEYS);

export const sourceInput = z.object({ source: sourceKey });
export type SourceInput = z.infer<typeof sourceInput>;

export const rotateSecretInput = z.object({
  source: sourceKey,
  /** How long the previous secrets keep verifying, so senders can switch without a gap. */
  overlapHours: z.number().int().min(0).max(168).default(24),
});
export type RotateSecretInput = z.infer<typeof rotateSecretInput>;

export const deadLettersFilter = z.object({
  source: sourceKey.optional(),
  type: z.enum(INBOUND_TYPES as [string, ...string[]]).optional(),
  failureClass: z.enum(FAILURE_CLASSES).optional(),
  status: z.enum(REPLAYABLE_STATUSES).default("dead"),
  limit: z.number().int().min(1).max(200).default(100),
});
export type DeadLettersFilter = z.infer<typeof deadLettersFilter>;

export const replayInput = z.object({
  receiptIds: z.array(z.uuid()).min(1).max(MAX_REPLAY_BATCH),
});
export type ReplayInput = z.infer<typeof replayInput>;

const counts = z.record(z.string(), z.number().int());

const sourceView = z.object({
  key: sourceKey,
  name: z.string(),
  status: z.enum(["active", "paused"]),
  silenceAfterSeconds: z.number().int(),
  silentSince: z.date().nullable(),
  lastEventAt: z.date().nullable(),
  /** Events per minute received over the last 15 minutes and the last 24 hours. */
  perMinute15m: z.number(),
  perMinute24h: z.number(),
  /** Age of the oldest event still waiting to be processed, in seconds; 0 when none waits. */
  lagSeconds: z.number().int(),
  /** pending, held and dead over all time; routed and unrouted over the last 24 hours. */
  byStatus: counts,
  /** Dead letters and retrying events by failure class. */
  failuresByClass: counts,
  activeSecrets: z.number().int(),
  /** When the earliest of the secrets in a rotation's overlap stops verifying. */
  nextSecretExpiry: z.date().nullable(),
});
export type SourceView = z.infer<typeof sourceView>;

export const hubOverview = z.object({ sources: z.array(sourceView), at: z.date() });
export type HubOverview = z.infer<typeof hubOverview>;

const deadLetterRow = z.object({
  receiptId: z.uuid(),
  seq: z.string(),
  source: z.string(),
  eventId: z.string(),
  type: z.string(),
  dataVersion: z.number().int(),
  status: z.string(),
  attempts: z.number().int(),
  failureClass: z.string().nullable(),
  lastError: z.string().nullable(),
  receivedAt: z.date(),
  processedAt: z.date().nullable(),
  /** The payload as JSON, cut to a few hundred characters. */
  payloadPreview: z.string(),
});
export type DeadLetterRow = z.infer<typeof deadLetterRow>;

export const deadLetterList = z.object({ rows: z.array(deadLetterRow) });

const plannedEffect = z.object({ kind: z.string(), summary: z.string(), detail: z.unknown() });

const dryRunRow = z.object({
  receiptId: z.uuid(),
  type: z.string(),
  source: z.string(),
  /** route: effects would be produced; no_route: kept and counted; invalid: would fail again as shown. */
  outcome: z.enum(["route", "no_route", "invalid"]),
  rule: z.string().nullable(),
  why: z.string(),
  effects: z.array(plannedEffect),
  normalised: z.unknown(),
  failureClass: z.enum(FAILURE_CLASSES).nullable(),
  problem: z.string().nullable(),
});
export type DryRunRow = z.infer<typeof dryRunRow>;

export const dryRunResult = z.object({
  rows: z.array(dryRunRow),
  /** Receipts not found, or not dead or unrouted. */
  skipped: z.array(z.uuid()),
});
export type DryRunResult = z.infer<typeof dryRunResult>;

export const replayResult = z.object({
  replayed: z.number().int(),
  skipped: z.array(z.uuid()),
  /** Rows this admin may still replay in the current minute. */
  remainingThisMinute: z.number().int(),
});
export type ReplayResult = z.infer<typeof replayResult>;

export const pauseResult = z.object({
  source: sourceKey,
  status: z.enum(["active", "paused"]),
  changed: z.boolean(),
  /** Rows moved: held on pause, released to pending on resume. */
  rows: z.number().int(),
});
export type PauseResult = z.infer<typeof pauseResult>;

export const rotatedSecret = z.object({
  source: sourceKey,
  secretId: z.uuid(),
  /** Shown once: the console keeps it for verification but never shows it again. */
  secret: z.string(),
  previousExpireAt: z.date().nullable(),
});
export type RotatedSecret = z.infer<typeof rotatedSecret>;
