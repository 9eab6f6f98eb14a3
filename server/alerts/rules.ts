import { z } from "zod";
import { METRIC_INFO, metricSchema } from "../indicators/metrics.ts";

// Alert rules: the one schema that forms, the API and the evaluator agree on.

export const RULE_KINDS = ["threshold", "change", "no_data"] as const;
export const SEVERITIES = ["info", "warning", "critical"] as const;
const THRESHOLD_OPERATORS = ["above", "below"] as const;
const CHANGE_OPERATORS = ["drop", "rise"] as const;
export const COMPARISON_WINDOWS = ["previous_hour", "same_hour_last_week"] as const;
export type Severity = (typeof SEVERITIES)[number];
export type ComparisonWindow = (typeof COMPARISON_WINDOWS)[number];

const MAX_DURATION_SECONDS = 24 * 3600;
const MIN_NO_DATA_MINUTES = 5;
const MAX_NO_DATA_MINUTES = 7 * 24 * 60;

const seconds = (field: string) =>
  z
    .number({ error: `${field} must be a number of seconds` })
    .int(`${field} must be a whole number of seconds`)
    .min(0, `${field} cannot be negative`)
    .max(MAX_DURATION_SECONDS, `${field} cannot exceed 24 hours (${MAX_DURATION_SECONDS} s)`)
    .default(0);

const common = {
  name: z
    .string({ error: "name is required" })
    .trim()
    .min(1, "name is required")
    .max(120, "name is too long (120 max)"),
  metric: metricSchema,
  // Null means every city; required so that a form cannot pick "all cities" by omission.
  cityId: z.uuid("cityId must be a city id (uuid), or null for all cities").nullable(),
  severity: z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(", ")}` }),
  /** Pending period: the condition must hold this long, evaluation after evaluation, before the alert fires. */
  forSeconds: seconds("forSeconds"),
  /** Prometheus keep_firing_for: stay firing this long after the last breach before resolving. */
  keepFiringForSeconds: seconds("keepFiringForSeconds"),
  enabled: z.boolean().default(true),
  responsePlanId: z.uuid("responsePlanId must be a workflow template id (uuid)").nullable().default(null),
  opensTicket: z.boolean().default(false),
  opensRiskCase: z.boolean().default(false),
};

const thresholdShape = {
  kind: z.literal("threshold"),
  /** Strict comparisons, as Grafana's IS ABOVE / IS BELOW: "above 45" does not fire at exactly 45. */
  operator: z.enum(THRESHOLD_OPERATORS, { error: "operator of a threshold rule must be above or below" }),
  threshold: z.number({ error: "threshold must be a finite number" }),
  /** Hysteresis: once firing, an "above" alert recovers only when the value falls below this (strictly). */
  recoveryThreshold: z
    .number({ error: "recoveryThreshold must be a finite number or null" })
    .nullable()
    .default(null),
};

const changeShape = {
  kind: z.literal("change"),
  operator: z.enum(CHANGE_OPERATORS, { error: "operator of a change rule must be drop or rise" }),
  comparisonWindow: z.enum(COMPARISON_WINDOWS, {
    error: `comparisonWindow must be one of ${COMPARISON_WINDOWS.join(", ")}`,
  }),
  /** Percent, inclusive: 20 fires on a change of 20 % or more between the two 1-hour averages. */
  changePercent: z
    .number({ error: "changePercent must be a number" })
    .positive("changePercent must be above 0"),
};

const noDataShape = {
  kind: z.literal("no_data"),
  /** Fires once no update has arrived for this many minutes (inclusive). */
  noDataMinutes: z
    .number({ error: "noDataMinutes must be a number of minutes" })
    .int("noDataMinutes must be a whole number of minutes")
    // Indicators arrive once per 5-minute bucket, so a shorter silence is normal.
    .min(MIN_NO_DATA_MINUTES, `noDataMinutes must be at least ${MIN_NO_DATA_MINUTES} (one indicator bucket)`)
    .max(MAX_NO_DATA_MINUTES, `noDataMinutes cannot exceed ${MAX_NO_DATA_MINUTES} (7 days)`),
};

const idShape = { id: z.uuid("id must be a rule id (uuid)") };

const notApplicable = (kind: string) => ({
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === "unrecognized_keys" && issue.keys
      ? `${issue.keys.join(", ")} ${issue.keys.length === 1 ? "does" : "do"} not apply to ${kind} rules`
      : undefined,
});

const KIND_ERROR = { error: `kind must be one of ${RULE_KINDS.join(", ")}` };

const kindSchemas = {
  threshold: z.strictObject({ ...common, ...thresholdShape }, notApplicable("threshold")),
  change: z.strictObject({ ...common, ...changeShape }, notApplicable("change")),
  no_data: z.strictObject({ ...common, ...noDataShape }, notApplicable("no_data")),
};

const inputUnion = z.discriminatedUnion(
  "kind",
  [kindSchemas.threshold, kindSchemas.change, kindSchemas.no_data],
  KIND_ERROR,
);
const storedUnion = z.discriminatedUnion(
  "kind",
  [
    kindSchemas.threshold.extend(idShape),
    kindSchemas.change.extend(idShape),
    kindSchemas.no_data.extend(idShape),
  ],
  KIND_ERROR,
);

export type AlertRuleInput = z.output<typeof inputUnion>;
export type AlertRule = z.output<typeof storedUnion>;
export type ThresholdRule = Extract<AlertRule, { kind: "threshold" }>;
export type ChangeRule = Extract<AlertRule, { kind: "change" }>;
export type NoDataRule = Extract<AlertRule, { kind: "no_data" }>;

/** Forms send every field; a null or undefined field of another kind is ignored, a real value is an error. */
function dropEmptyForeignFields(input: unknown): unknown {
  if (typeof input !== "object" || input === null || !("kind" in input)) return input;
  const kind = input.kind;
  if (kind !== "threshold" && kind !== "change" && kind !== "no_data") return input;
  const own = new Set(["id", ...Object.keys(kindSchemas[kind].shape)]);
  return Object.fromEntries(
    Object.entries(input).filter(([key, value]) => own.has(key) || (value !== null && value !== undefined)),
  );
}

type Issue = { path: string; message: string };

function thresholdIssues(rule: Extract<AlertRuleInput, { kind: "threshold" }>): Issue[] {
  const { metric, operator, threshold, recoveryThreshold: recovery } = rule;
  const rate = METRIC_INFO[metric].isRate;
  const issues: Issue[] = [];
  // Indicator values are never negative and rates never exceed 1, so these thresholds could never fire.
  if (threshold < 0)
    issues.push({ path: "threshold", message: "threshold cannot be negative: indicators are never below 0" });
  else if (operator === "below" && threshold === 0) {
    issues.push({ path: "threshold", message: "below 0 can never fire: indicators are never below 0" });
  }
  if (rate && threshold > 1) {
    issues.push({
      path: "threshold",
      message: `threshold for ${metric} is a ratio between 0 and 1 (8 % is 0.08)`,
    });
  } else if (rate && operator === "above" && threshold === 1) {
    issues.push({ path: "threshold", message: `above 1 can never fire: ${metric} is at most 1` });
  }
  if (recovery === null) return issues;
  if (operator === "above" && recovery >= threshold) {
    issues.push({
      path: "recoveryThreshold",
      message: `recoveryThreshold must be below threshold (${threshold}) for an "above" rule: it fires above the threshold and recovers only below the recovery level`,
    });
  } else if (operator === "below" && recovery <= threshold) {
    issues.push({
      path: "recoveryThreshold",
      message: `recoveryThreshold must be above threshold (${threshold}) for a "below" rule: it fires below the threshold and recovers only above the recovery level`,
    });
  } else if (operator === "above" && recovery <= 0) {
    issues.push({
      path: "recoveryThreshold",
      message: "recoveryThreshold must be above 0, or the alert could never recover",
    });
  } else if (operator === "below" && rate && recovery >= 1) {
    issues.push({
      path: "recoveryThreshold",
      message: `recoveryThreshold must be below 1, or the alert could never recover`,
    });
  }
  return issues;
}

function checkCombinations(rule: AlertRuleInput, ctx: z.RefinementCtx): void {
  const issues =
    rule.kind === "threshold"
      ? thresholdIssues(rule)
      : rule.kind === "change" && rule.operator === "drop" && rule.changePercent > 100
        ? [{ path: "changePercent", message: "a drop cannot exceed 100 % (100 means down to zero)" }]
        : [];
  for (const { path, message } of issues) ctx.addIssue({ code: "custom", path: [path], message });
}

/** A rule as a person submits it (no id yet). */
export const alertRuleInputSchema = z
  .preprocess(dropEmptyForeignFields, inputUnion)
  .superRefine(checkCombinations);
/** A stored rule, with its id: what the evaluator runs. */
export const alertRuleSchema = z
  .preprocess(dropEmptyForeignFields, storedUnion)
  .superRefine(checkCombinations);

/** The AlertRule table's columns as plain data (no Prisma types here). */
export interface AlertRuleRow {
  id: string;
  name: string;
  cityId: string | null;
  metric: string;
  kind: string;
  operator: string;
  threshold: number | null;
  recoveryThreshold: number | null;
  comparisonWindow: string | null;
  noDataMinutes: number | null;
  forSeconds: number;
  keepFiringForSeconds: number;
  severity: string;
  enabled: boolean;
  responsePlanId: string | null;
  opensTicket: boolean;
  opensRiskCase: boolean;
}

// The table has no changePercent column: change rules keep it in `threshold`, and no_data rules use the
// operator "absent" (the convention the seed data follows).
const NO_DATA_OPERATOR = "absent";

/** Reads a row back into a validated rule; a row edited by hand may fail, with field-named issues. */
export function ruleFromRow(row: AlertRuleRow): z.ZodSafeParseResult<AlertRule> {
  const { threshold, recoveryThreshold, comparisonWindow, noDataMinutes, operator, ...rest } = row;
  const specific =
    row.kind === "change"
      ? { operator, changePercent: threshold, comparisonWindow }
      : row.kind === "no_data"
        ? { noDataMinutes }
        : { operator, threshold, recoveryThreshold };
  return alertRuleSchema.safeParse({ ...rest, ...specific });
}

export function ruleToRow(rule: AlertRule): AlertRuleRow {
  const empty = { threshold: null, recoveryThreshold: null, comparisonWindow: null, noDataMinutes: null };
  const base = {
    id: rule.id,
    name: rule.name,
    cityId: rule.cityId,
    metric: rule.metric,
    kind: rule.kind,
    forSeconds: rule.forSeconds,
    keepFiringForSeconds: rule.keepFiringForSeconds,
    severity: rule.severity,
    enabled: rule.enabled,
    responsePlanId: rule.responsePlanId,
    opensTicket: rule.opensTicket,
    opensRiskCase: rule.opensRiskCase,
  };
  switch (rule.kind) {
    case "threshold":
      return {
        ...base,
        ...empty,
        operator: rule.operator,
        threshold: rule.threshold,
        recoveryThreshold: rule.recoveryThreshold,
      };
    case "change":
      return {
        ...base,
        ...empty,
        operator: rule.operator,
        threshold: rule.changePercent,
        comparisonWindow: rule.comparisonWindow,
      };
    case "no_data":
      return { ...base, ...empty, operator: NO_DATA_OPERATOR, noDataMinutes: rule.noDataMinutes };
  }
}
