import { z } from "zod";
import { METRICS } from "../indicators/metrics.ts";
import { alertRuleSchema, RULE_KINDS, SEVERITIES } from "./rules.ts";

// The alerts contract: input and output schemas of the tRPC procedures, and the alert and plan views the city
// board's contract builds on. Views that hold instants take the date type: tRPC (superjson) carries Date, REST
// carries ISO strings.

export const alertIdInput = z.object({ alertId: z.uuid("alertId must be an alert id") });
export type AlertIdInput = z.output<typeof alertIdInput>;

const MAX_SILENCE_MINUTES = 7 * 24 * 60;

export const silenceInput = alertIdInput.extend({
  minutes: z
    .number()
    .int("minutes must be a whole number")
    .min(1, "minutes must be at least 1")
    .max(MAX_SILENCE_MINUTES, "a silence lasts at most 7 days"),
});
export type SilenceInput = z.output<typeof silenceInput>;

/** Ticking a response plan's task: a workflow decision on the plan's instance (see server/workflows). */
export const tickStepInput = z.object({
  runId: z.uuid("runId must be a plan run id"),
  stepKey: z.string().min(1, "stepKey is required").max(64),
  /** The plan's lockVersion as shown: someone else's tick meanwhile answers 409 with the current plan. */
  expectedVersion: z.number().int().min(0).optional(),
});

const ruleId = z.uuid("id must be a rule id");

// The rule itself travels as `rule: unknown` and is parsed by the service, which answers field by field.
export const ruleIdInput = z.object({ id: ruleId });
export const createRuleInput = z.object({ rule: z.unknown() });
export const editRuleInput = z.object({ id: ruleId, version: z.number().int().min(1), rule: z.unknown() });
export const previewRuleInput = z.object({ rule: z.unknown(), cityId: z.uuid("cityId must be a city id") });
export type RuleIdInput = z.output<typeof ruleIdInput>;
export type CreateRuleInput = z.output<typeof createRuleInput>;
export type EditRuleInput = z.output<typeof editRuleInput>;
export type PreviewRuleInput = z.output<typeof previewRuleInput>;

const alertState = z.enum(["pending", "firing", "resolved"]);
export const severity = z.enum(SEVERITIES);
export const metric = z.enum(METRICS);

export function alertSummary<D extends z.ZodType>(date: D) {
  return z.object({
    id: z.uuid(),
    cityId: z.uuid(),
    ruleId: z.uuid(),
    ruleName: z.string(),
    /** How to read `value`: the metric's value (threshold), a percent change (change), minutes of silence (no_data). */
    kind: z.enum(RULE_KINDS),
    metric,
    state: alertState,
    severity,
    value: z.number().nullable(),
    pendingSince: date,
    firedAt: date.nullable(),
    resolvedAt: date.nullable(),
    acknowledgedAt: date.nullable(),
    silencedUntil: date.nullable(),
    hasResponsePlan: z.boolean(),
    version: z.number().int(),
  });
}

const instanceStates = [
  "draft",
  "pending",
  "in_progress",
  "approved",
  "rejected",
  "changes_requested",
  "cancelled",
  "completed",
] as const;

/** An alert's response plan: a workflow instance on the engine, its current round's steps in order. */
export function planRun<D extends z.ZodType>(date: D) {
  return z.object({
    id: z.uuid(),
    alertId: z.uuid(),
    templateKey: z.string(),
    templateName: z.string(),
    templateNameJa: z.string(),
    state: z.enum(instanceStates),
    lockVersion: z.number().int(),
    startedAt: date,
    completedAt: date.nullable(),
    endedReason: z.string().nullable(),
    steps: z.array(
      z.object({
        id: z.uuid(),
        position: z.number().int(),
        key: z.string(),
        kind: z.string(),
        state: z.enum(["blocked", "active", "holding", "done", "rejected", "returned", "cancelled"]),
        title: z.string(),
        activatedAt: date.nullable(),
        heldSince: date.nullable(),
        doneAt: date.nullable(),
        doneById: z.uuid().nullable(),
      }),
    ),
    /** Step titles by key in both languages, from the pinned template version. */
    titles: z.record(z.string(), z.object({ en: z.string(), ja: z.string() })),
  });
}

/** What ticking a plan's step answers: enough to refresh the card. */
export const planTickResult = z.object({
  id: z.uuid(),
  state: z.enum(instanceStates),
  lockVersion: z.number().int(),
});

/** What an action on an alert answers: enough to refresh the card. */
export const alertActionResult = z.object({ id: z.uuid(), state: alertState, version: z.number().int() });
export type AlertActionResult = z.output<typeof alertActionResult>;

export const ruleView = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Null when the stored row no longer passes the schema (edited by hand); `issues` says why. */
  rule: alertRuleSchema.nullable(),
  issues: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.date(),
  cityCode: z.string().nullable(),
  plan: z.object({ name: z.string(), nameJa: z.string() }).nullable(),
  openAlerts: z.number().int(),
});
export type RuleView = z.output<typeof ruleView>;

const named = { id: z.uuid(), name: z.string(), nameJa: z.string() };

/** The choices the rule form offers. */
export const ruleEditorOptions = z.object({
  cities: z.array(z.object({ ...named, code: z.string() })),
  plans: z.array(z.object({ ...named, key: z.string() })),
});
export type RuleEditorOptions = z.output<typeof ruleEditorOptions>;

const point = z.object({ bucketStart: z.date(), value: z.number() });

export const rulePreview = z.object({
  firedCount: z.number().int(),
  periods: z.array(z.object({ from: z.date(), to: z.date(), ongoing: z.boolean() })),
  /** The raw 5-minute points of the range, to draw under the periods (same scale as the threshold). */
  points: z.array(point),
  from: z.date(),
  to: z.date(),
});
export type RulePreview = z.output<typeof rulePreview>;
