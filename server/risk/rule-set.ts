import { z } from "zod";
import { RISK_TYPES } from "./types.ts";

// The zod schemas below are the single source of truth for RiskRuleSet.rules / .thresholds JSON:
// the editor, the API and the scorer all go through `parseRuleSet`, so a stored rule set that
// loads is one the scorer can evaluate.

export const COMPARISON_OPS = [">=", ">", "==", "<=", "<", "!="] as const;
const ORDERING_OPS: readonly string[] = [">=", ">", "<=", "<"];

const riskTypeSchema = z.enum(RISK_TYPES);

const attributeValueSchema = z.union([z.number(), z.string(), z.boolean()], {
  error: "must be a number, a string or a boolean",
});

const attributeConditionSchema = z
  .strictObject({
    attribute: z.string().trim().min(1, "must name a signal attribute"),
    op: z.enum(COMPARISON_OPS, { error: `must be one of ${COMPARISON_OPS.join(" ")}` }),
    value: attributeValueSchema,
  })
  .superRefine((condition, ctx) => {
    if (ORDERING_OPS.includes(condition.op) && typeof condition.value !== "number") {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: `must be a number when op is "${condition.op}"`,
      });
    }
  });

const historyConditionSchema = z.strictObject({
  history: z.strictObject({
    /** Which signals are counted; defaults to the rule's signalType, or every type if that is unset too. */
    signalType: riskTypeSchema.optional(),
    windowHours: z
      .number()
      .positive("must be greater than 0")
      .max(24 * 365, "must be at most a year (8760)"),
    minCount: z.int("must be a whole number").min(1, "must be at least 1"),
  }),
});

// Branch order matters: `describeIssues` picks the branch by the presence of the `history` key.
const conditionSchema = z.union([historyConditionSchema, attributeConditionSchema]);

export const ruleSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, "must be snake_case: a-z, 0-9 and _, starting with a letter"),
    label: z.string().trim().min(1, "must not be empty"),
    labelJa: z.string().trim().min(1, "must not be empty when given").optional(),
    /** The rule only looks at signals of this type; unset means every type. */
    signalType: riskTypeSchema.optional(),
    condition: conditionSchema,
    weight: z
      .int("must be a whole number of points")
      .min(-100, "must be at least -100")
      .max(100, "must be at most 100")
      .refine((weight) => weight !== 0, "must not be 0 (delete the rule instead)"),
    /** Most points (in absolute value) the rule can add to one case. */
    cap: z
      .int("must be a whole number of points")
      .min(1, "must be at least 1")
      .max(100, "must be at most 100"),
  })
  .superRefine((rule, ctx) => {
    if (rule.cap < Math.abs(rule.weight)) {
      ctx.addIssue({
        code: "custom",
        path: ["cap"],
        message: `must be at least |weight| (${Math.abs(rule.weight)})`,
      });
    }
  });

const rulesSchema = z
  .array(ruleSchema)
  .min(1, "must contain at least one rule")
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.id)) {
        ctx.addIssue({ code: "custom", path: [index, "id"], message: `duplicates rule id "${rule.id}"` });
      }
      seen.add(rule.id);
    });
  });

const thresholdSchema = z
  .int("must be a whole number")
  .min(0, "must be at least 0")
  .max(100, "must be at most 100");

export const thresholdsSchema = z
  .strictObject({ medium: thresholdSchema, high: thresholdSchema, critical: thresholdSchema })
  .superRefine((t, ctx) => {
    if (t.high <= t.medium) {
      ctx.addIssue({ code: "custom", path: ["high"], message: `must be greater than medium (${t.medium})` });
    }
    if (t.critical <= t.high) {
      ctx.addIssue({ code: "custom", path: ["critical"], message: `must be greater than high (${t.high})` });
    }
  });

const ruleSetSchema = z.strictObject({
  version: z.int("must be a whole number").min(1, "must be at least 1"),
  rules: rulesSchema,
  thresholds: thresholdsSchema,
});

export type AttributeCondition = z.output<typeof attributeConditionSchema>;
export type HistoryCondition = z.output<typeof historyConditionSchema>;
export type RuleCondition = z.output<typeof conditionSchema>;
export type Rule = z.output<typeof ruleSchema>;
export type Thresholds = z.output<typeof thresholdsSchema>;
export type RuleSet = z.output<typeof ruleSetSchema>;

interface RuleSetError {
  /** Field path as the editor shows it, e.g. `rules[2].condition.history.windowHours`. */
  path: string;
  message: string;
}

export type ParseRuleSetResult = { ok: true; ruleSet: RuleSet } | { ok: false; errors: RuleSetError[] };

/** Validates stored or submitted JSON; the RiskRuleSet row's columns compose as `{ version, rules, thresholds }`. */
export function parseRuleSet(json: unknown): ParseRuleSetResult {
  const result = ruleSetSchema.safeParse(json);
  if (result.success) return { ok: true, ruleSet: result.data };
  return { ok: false, errors: describeIssues(result.error.issues, json, []) };
}

export function isHistoryCondition(condition: RuleCondition): condition is HistoryCondition {
  return "history" in condition;
}

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

function formatPath(path: Path): string {
  if (path.length === 0) return "(root)";
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`))
    .join("");
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

// zod reports a failed union as "Invalid input" with every branch's issues; for a condition we
// know which form the author meant (the `history` key), so we surface only that branch's issues.
function describeIssues(issues: readonly Issue[], input: unknown, prefix: Path): RuleSetError[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && path[path.length - 1] === "condition") {
      const value = valueAt(input, path);
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return [
          {
            path: formatPath(path),
            message:
              "must be { attribute, op, value } or { history: { windowHours, minCount, signalType? } }",
          },
        ];
      }
      const branch = issue.errors["history" in value ? 0 : 1] ?? [];
      return describeIssues(branch, input, path);
    }
    const missing = issue.code === "invalid_type" && path.length > 0 && valueAt(input, path) === undefined;
    return [{ path: formatPath(path), message: missing ? "is required" : issue.message }];
  });
}

export { DEFAULT_RULE_SET } from "./default-rule-set.ts";

/** Longest look-back of the rule set's history rules, in hours (0 without history rules). */
export function historyWindowHours(ruleSet: Pick<RuleSet, "rules">): number {
  return Math.max(
    0,
    ...ruleSet.rules.map((rule) =>
      isHistoryCondition(rule.condition) ? rule.condition.history.windowHours : 0,
    ),
  );
}
