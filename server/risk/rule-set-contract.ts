import { z } from "zod";
import { ruleSchema, thresholdsSchema } from "./rule-set.ts";
import { RISK_LEVELS } from "./types.ts";

// Inputs and outputs of the rule-set screens. Rules and thresholds arrive as unknown JSON: `parseRuleSet`
// validates them so that errors name the field the way the editor shows it (`rules[2].weight`).

const NOTES_MAX = 2000;

export const ruleSetIdInput = z.object({ id: z.uuid() });

export const createDraftInput = z.object({
  /** The version to start from; the published one when absent. */
  fromId: z.uuid().optional(),
});

export const updateDraftInput = z.object({
  id: z.uuid(),
  rules: z.unknown(),
  thresholds: z.unknown(),
  notes: z.string().trim().max(NOTES_MAX),
});
export type UpdateDraftInput = z.output<typeof updateDraftInput>;

export const ruleSetVersion = z.object({
  id: z.uuid(),
  version: z.int(),
  status: z.enum(["draft", "published", "retired"]),
  rules: z.array(ruleSchema),
  thresholds: thresholdsSchema,
  notes: z.string(),
  createdAt: z.date(),
  publishedAt: z.date().nullable(),
  /** False for a stored row the schema rejects (written outside the editor); it cannot be published. */
  valid: z.boolean(),
});
export type RuleSetVersion = z.output<typeof ruleSetVersion>;

const level = z.enum(RISK_LEVELS);
const label = z.enum(["false_positive", "confirmed_fraud"]);

const backtestReport = z.object({
  total: z.int(),
  changed: z.int(),
  raised: z.int(),
  lowered: z.int(),
  byTransition: z.partialRecord(z.templateLiteral([level, "->", level]), z.int()),
  falsePositivesNowBelowMedium: z.int(),
  confirmedFraudNowBelowMedium: z.int(),
  labeled: z.object({ falsePositive: z.int(), confirmedFraud: z.int() }),
  driftFromCurrent: z.int(),
  examples: z.array(
    z.object({
      id: z.uuid(),
      label: label.optional(),
      currentLevel: level,
      publishedScore: z.int(),
      publishedLevel: level,
      draftScore: z.int(),
      draftLevel: level,
    }),
  ),
});

export const backtestResult = z.object({
  draftVersion: z.int(),
  publishedVersion: z.int(),
  since: z.date(),
  report: backtestReport,
});
export type BacktestResult = z.output<typeof backtestResult>;
