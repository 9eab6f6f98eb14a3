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

// Inputs and outputs of the risk cases, signals and actions: the services' and tRPC's shapes (case detail and
// history: detail-contract.ts; rule sets: rule-set-contract.ts). Dates are Date objects here; the shapes REST
// also answers take the date type as a parameter, and the REST layer (server/api/rest/risk.ts) passes ISO strings.

export const MAX_SIGNAL_BATCH = 500;
export const MAX_LIST_LIMIT = 200;
export const DEFAULT_LIST_LIMIT = 50;
const MAX_ATTRIBUTES = 50;
export const TEXT_MAX = 2000;

const mitigationKinds = Object.keys(MITIGATION_KINDS) as [MitigationKind, ...MitigationKind[]];

// ── Signals ──────────────────────────────────────────────────────────────────

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
  observedAt: z.date(),
  cityId: z.uuid().optional(),
});
export type SignalInput = z.output<typeof signalInput>;

/** A batch of signals, whichever way each signal's fields are read. */
export const signalBatchOf = <S extends z.ZodType>(signal: S) =>
  z.strictObject({
    signals: z
      .array(signal)
      .min(1, "must hold at least one signal")
      .max(MAX_SIGNAL_BATCH, `must hold at most ${MAX_SIGNAL_BATCH} signals`),
  });

export interface SignalBatch {
  signals: SignalInput[];
}

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

// ── The case list ────────────────────────────────────────────────────────────

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

export const personRef = z.object({ id: z.uuid(), name: z.string() });

export function caseListItem<D extends z.ZodType>(date: D) {
  return z.object({
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
    openedAt: date,
    ackDueAt: date.nullable(),
    acknowledgedAt: date.nullable(),
    escalatedAt: date.nullable(),
    queue: z.string(),
    cityId: z.uuid().nullable(),
    owner: personRef.nullable(),
  });
}
export type CaseListItem = z.output<ReturnType<typeof caseListItem<z.ZodDate>>>;

export const caseListPage = <D extends z.ZodType>(date: D) =>
  z.object({ items: z.array(caseListItem(date)), nextCursor: z.string().nullable() });
export type CaseListPage = z.output<ReturnType<typeof caseListPage<z.ZodDate>>>;

// ── Commands on a case ───────────────────────────────────────────────────────

export const caseIdInput = z.object({ caseId: z.uuid() });
export const actionIdInput = z.object({ caseId: z.uuid(), actionId: z.uuid() });
export type ActionIds = z.output<typeof actionIdInput>;

export const newActionInput = z.strictObject({
  kind: z.enum(mitigationKinds, { error: `must be one of ${mitigationKinds.join(", ")}` }),
  note: z.string().trim().max(TEXT_MAX).optional(),
  ownerId: z.uuid().optional(),
  dueAt: z.date().optional(),
});

/** Plans an action (todo), or plans and starts it at once (`start`, as the REST API does). */
export const addActionInput = caseIdInput.extend({
  action: newActionInput,
  start: z.boolean().default(false),
});
export type AddActionInput = z.output<typeof addActionInput>;

export const completeActionInput = actionIdInput.extend({
  result: z.string().trim().max(TEXT_MAX).optional(),
});
export const cancelActionInput = actionIdInput.extend({ note: z.string().trim().max(TEXT_MAX).optional() });

/** An action's end: completed with a result, or cancelled with a note. */
export const ACTION_ENDINGS = ["completed", "cancelled"] as const;
export type FinishActionInput = ActionIds & { status: (typeof ACTION_ENDINGS)[number]; result?: string };

export function mitigationAction<D extends z.ZodType>(date: D) {
  return z.object({
    id: z.uuid(),
    caseId: z.uuid(),
    kind: z.string(),
    status: z.enum(MITIGATION_STATUSES),
    owner: personRef.nullable(),
    dueAt: date.nullable(),
    note: z.string().nullable(),
    result: z.string().nullable(),
    startedAt: date.nullable(),
    completedAt: date.nullable(),
    createdAt: date,
  });
}
export type MitigationActionDto = z.output<ReturnType<typeof mitigationAction<z.ZodDate>>>;

export const closeCaseInput = z.strictObject({
  caseId: z.uuid(),
  resolution: z.enum(RISK_RESOLUTIONS),
  note: z
    .string()
    .max(TEXT_MAX * 2)
    .optional(),
});

export const closedCase = z.object({
  id: z.uuid(),
  status: z.literal("closed"),
  resolution: z.enum(RISK_RESOLUTIONS),
});

export const acknowledgement = z.object({ acknowledgedAt: z.date(), changed: z.boolean() });

export const linkTicketInput = caseIdInput.extend({ ticketId: z.uuid() });
export const ticketLinked = z.object({ linked: z.boolean() });
