import { z } from "zod";
import type { BacktestReport } from "./backtest.ts";
import type { Rule, Thresholds } from "./rule-set.ts";

// Inputs and DTOs of the rule-set screens. Rules and thresholds arrive as unknown JSON: `parseRuleSet`
// validates them so that errors name the field the way the editor shows it (`rules[2].weight`).

export const NOTES_MAX = 2000;

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

export interface RuleSetVersion {
  id: string;
  version: number;
  status: "draft" | "published" | "retired";
  rules: Rule[];
  thresholds: Thresholds;
  notes: string;
  createdAt: string;
  publishedAt: string | null;
  /** False for a stored row the schema rejects (written outside the editor); it cannot be published. */
  valid: boolean;
}

export interface BacktestResult {
  draftVersion: number;
  publishedVersion: number;
  since: string;
  report: BacktestReport;
}
