import { z } from "zod";
import { MITIGATION_KINDS, type MitigationKind } from "./playbook.ts";
import {
  MITIGATION_STATUSES,
  RISK_CASE_STATUSES,
  RISK_LEVELS,
  RISK_RESOLUTIONS,
  RISK_SUBJECT_TYPES,
  RISK_TYPES,
} from "./types.ts";

// Request and response shapes of the risk area, shared by REST, tRPC and the OpenAPI document.
// Dates leave the server as ISO strings so REST and tRPC answer the same DTOs.

export const MAX_SIGNAL_BATCH = 500;
export const MAX_LIST_LIMIT = 200;
export const DEFAULT_LIST_LIMIT = 50;
const MAX_ATTRIBUTES = 50;
const TEXT_MAX = 2000;

const isoDateTime = z.iso.datetime({
  offset: true,
  error: "must be an ISO 8601 date-time, e.g. 2026-01-31T09:00:00Z",
});
const mitigationKinds = Object.keys(MITIGATION_KINDS) as [MitigationKind, ...MitigationKind[]];

export const signalInput = z.strictObject({
  sourceEventId: z.string().trim().min(1, "must not be empty").max(200),
  type: z.enum(RISK_TYPES),
  subjectType: z.enum(RISK_SUBJECT_TYPES),
  subjectId: z.string().trim().min(1, "must not be empty").max(120),
  attributes: z
    .record(z.string().min(1).max(64), z.union([z.number(), z.string().max(500), z.boolean()]))
    .refine(
      (attributes) => Object.keys(attributes).length <= MAX_ATTRIBUTES,
      `must have at most ${MAX_ATTRIBUTES} keys`,
    ),
  observedAt: isoDateTime.transform((value) => new Date(value)),
  cityId: z.uuid().optional(),
});
export type SignalInput = z.output<typeof signalInput>;

export const signalBatch = z.strictObject({
  signals: z
    .array(signalInput)
    .min(1, "must hold at least one signal")
    .max(MAX_SIGNAL_BATCH, `must hold at most ${MAX_SIGNAL_BATCH} signals`),
});

/** One signal, an array of signals or `{ signals: [...] }`: all become `{ signals }`, so errors name `signals.N.field`. */
export const ingestBody = z.preprocess((body) => {
  if (Array.isArray(body)) return { signals: body };
  if (typeof body === "object" && body !== null && "signals" in body) return body;
  return { signals: [body] };
}, signalBatch);

export const ingestResult = z.object({
  sourceEventId: z.string(),
  caseId: z.uuid().nullable(),
  score: z.int().nullable(),
  level: z.enum(RISK_LEVELS).nullable(),
  /** This signal opened the case. */
  created: z.boolean(),
  /** The signal had been received before; nothing was written. */
  duplicate: z.boolean(),
});
export type IngestResult = z.output<typeof ingestResult>;

/** Comma-separated enum values in a query string: `level=high,critical`. */
const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) =>
      text
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(z.enum(values)).min(1, "must name at least one value"));

export const listCasesQuery = z.object({
  level: csvOf(RISK_LEVELS).optional(),
  status: csvOf(RISK_CASE_STATUSES).optional(),
  type: csvOf(RISK_TYPES).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(DEFAULT_LIST_LIMIT),
});

export const caseListInput = z.object({
  level: z.array(z.enum(RISK_LEVELS)).optional(),
  status: z.array(z.enum(RISK_CASE_STATUSES)).optional(),
  type: z.array(z.enum(RISK_TYPES)).optional(),
  /** A user id, or "unassigned". */
  owner: z.union([z.uuid(), z.literal("unassigned")]).optional(),
  cityId: z.uuid().optional(),
  // Infinite queries send null for the first page.
  cursor: z.string().max(400).nullish(),
  limit: z.number().int().min(1).max(MAX_LIST_LIMIT).default(DEFAULT_LIST_LIMIT),
});
export type CaseListFilter = z.output<typeof caseListInput>;

export const contribution = z.object({
  ruleId: z.string(),
  label: z.string(),
  labelJa: z.string().optional(),
  points: z.number(),
  matchedSignals: z.int(),
  capped: z.boolean(),
});

const personRef = z.object({ id: z.uuid(), name: z.string() });

export const caseListItem = z.object({
  id: z.uuid(),
  number: z.int(),
  subject: z.object({ type: z.enum(RISK_SUBJECT_TYPES), id: z.string() }),
  type: z.enum(RISK_TYPES),
  status: z.enum(RISK_CASE_STATUSES),
  score: z.int(),
  level: z.enum(RISK_LEVELS),
  ruleSetVersion: z.int(),
  contributions: z.array(contribution),
  recommendedActions: z.array(
    z.object({
      kind: z.enum(mitigationKinds),
      title: z.string(),
      titleJa: z.string(),
      from: z.enum(RISK_LEVELS),
    }),
  ),
  signalCount: z.int(),
  openedAt: isoDateTime,
  ackDueAt: isoDateTime.nullable(),
  acknowledgedAt: isoDateTime.nullable(),
  escalatedAt: isoDateTime.nullable(),
  queue: z.string(),
  cityId: z.uuid().nullable(),
  owner: personRef.nullable(),
});
export type CaseListItem = z.output<typeof caseListItem>;

export const caseListPage = z.object({ items: z.array(caseListItem), nextCursor: z.string().nullable() });
export type CaseListPage = z.output<typeof caseListPage>;

export const addActionBody = z.strictObject({
  kind: z.enum(mitigationKinds, { error: `must be one of ${mitigationKinds.join(", ")}` }),
  note: z.string().trim().max(TEXT_MAX).optional(),
  ownerId: z.uuid().optional(),
  dueAt: isoDateTime.transform((value) => new Date(value)).optional(),
});
export type AddActionInput = z.output<typeof addActionBody>;

export const updateActionBody = z.strictObject({
  status: z.enum(["completed", "cancelled"]),
  result: z.string().trim().max(TEXT_MAX).optional(),
});
export type UpdateActionInput = z.output<typeof updateActionBody>;

export const mitigationAction = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: z.string(),
  status: z.enum(MITIGATION_STATUSES),
  owner: personRef.nullable(),
  dueAt: isoDateTime.nullable(),
  note: z.string().nullable(),
  result: z.string().nullable(),
  startedAt: isoDateTime.nullable(),
  completedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type MitigationActionDto = z.output<typeof mitigationAction>;

export const closeCaseInput = z.strictObject({
  caseId: z.uuid(),
  resolution: z.enum(RISK_RESOLUTIONS),
  note: z
    .string()
    .max(TEXT_MAX * 2)
    .optional(),
});

export const caseIdInput = z.object({ caseId: z.uuid() });
export const actionIdInput = z.object({ caseId: z.uuid(), actionId: z.uuid() });
