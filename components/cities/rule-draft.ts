import type { Metric } from "@/server/indicators/metrics";
import { METRIC_INFO } from "@/server/indicators/metrics";
import {
  alertRuleInputSchema,
  type AlertRule,
  type ComparisonWindow,
  type Severity,
} from "@/server/alerts/rules";

// The rule form's state: every field as the inputs hold it (text for numbers, minutes for durations, percent
// for rates), and its conversion to the rule schema's input. Pure, so it is unit-tested.

export type RuleKind = AlertRule["kind"];

export interface RuleDraft {
  name: string;
  kind: RuleKind;
  metric: Metric;
  /** "" means every city. */
  cityId: string;
  operator: string;
  threshold: string;
  recoveryThreshold: string;
  changePercent: string;
  comparisonWindow: ComparisonWindow;
  noDataMinutes: string;
  forMinutes: string;
  keepFiringMinutes: string;
  severity: Severity;
  enabled: boolean;
  /** "" means none. */
  responsePlanId: string;
  opensTicket: boolean;
  opensRiskCase: boolean;
}

export const EMPTY_DRAFT: RuleDraft = {
  name: "",
  kind: "threshold",
  metric: "avg_delivery_minutes",
  cityId: "",
  operator: "above",
  threshold: "",
  recoveryThreshold: "",
  changePercent: "",
  comparisonWindow: "previous_hour",
  noDataMinutes: "15",
  forMinutes: "5",
  keepFiringMinutes: "0",
  severity: "warning",
  enabled: true,
  responsePlanId: "",
  opensTicket: false,
  opensRiskCase: false,
};

const isRate = (metric: Metric) => METRIC_INFO[metric].isRate;

/** Rates are typed in percent and stored as ratios; an empty or non-numeric text stays visible to the schema. */
function number(text: string, scale = 1): number | undefined {
  if (text.trim() === "") return undefined;
  const value = Number(text.replace(",", "."));
  return Number.isFinite(value) ? value / scale : Number.NaN;
}

function shown(value: number | null, scale = 1): string {
  return value === null ? "" : String(Math.round(value * scale * 10_000) / 10_000);
}

export function draftToInput(draft: RuleDraft): Record<string, unknown> {
  const scale = isRate(draft.metric) ? 100 : 1;
  const minutes = (text: string) => {
    const value = number(text);
    return value === undefined ? undefined : value * 60;
  };
  const common = {
    name: draft.name,
    kind: draft.kind,
    metric: draft.metric,
    cityId: draft.cityId === "" ? null : draft.cityId,
    severity: draft.severity,
    forSeconds: minutes(draft.forMinutes),
    keepFiringForSeconds: minutes(draft.keepFiringMinutes),
    enabled: draft.enabled,
    responsePlanId: draft.responsePlanId === "" ? null : draft.responsePlanId,
    opensTicket: draft.opensTicket,
    opensRiskCase: draft.opensRiskCase,
  };
  switch (draft.kind) {
    case "threshold":
      return {
        ...common,
        operator: draft.operator,
        threshold: number(draft.threshold, scale),
        recoveryThreshold: number(draft.recoveryThreshold, scale) ?? null,
      };
    case "change":
      return {
        ...common,
        operator: draft.operator,
        changePercent: number(draft.changePercent),
        comparisonWindow: draft.comparisonWindow,
      };
    case "no_data":
      return { ...common, noDataMinutes: number(draft.noDataMinutes) };
  }
}

export function draftFromRule(rule: AlertRule): RuleDraft {
  const scale = isRate(rule.metric) ? 100 : 1;
  const base = {
    ...EMPTY_DRAFT,
    name: rule.name,
    kind: rule.kind,
    metric: rule.metric,
    cityId: rule.cityId ?? "",
    forMinutes: String(rule.forSeconds / 60),
    keepFiringMinutes: String(rule.keepFiringForSeconds / 60),
    severity: rule.severity,
    enabled: rule.enabled,
    responsePlanId: rule.responsePlanId ?? "",
    opensTicket: rule.opensTicket,
    opensRiskCase: rule.opensRiskCase,
  };
  switch (rule.kind) {
    case "threshold":
      return {
        ...base,
        operator: rule.operator,
        threshold: shown(rule.threshold, scale),
        recoveryThreshold: shown(rule.recoveryThreshold, scale),
      };
    case "change":
      return {
        ...base,
        operator: rule.operator,
        changePercent: shown(rule.changePercent),
        comparisonWindow: rule.comparisonWindow,
      };
    case "no_data":
      return { ...base, operator: "", noDataMinutes: String(rule.noDataMinutes) };
  }
}

export type Operator = "above" | "below" | "drop" | "rise";

/** Operators valid for a kind; switching kind resets an operator that no longer applies. */
export function operatorsOf(kind: RuleKind): readonly Operator[] {
  return kind === "threshold" ? ["above", "below"] : kind === "change" ? ["drop", "rise"] : [];
}

export function withKind(draft: RuleDraft, kind: RuleKind): RuleDraft {
  const operators = operatorsOf(kind);
  const kept = operators.find((operator) => operator === draft.operator);
  return { ...draft, kind, operator: kept ?? operators[0] ?? "" };
}

/** The fields the form can flag; a schema issue elsewhere is reported as "rule". */
const FIELDS_WITH_ERRORS = [
  "rule",
  "name",
  "kind",
  "metric",
  "cityId",
  "operator",
  "threshold",
  "recoveryThreshold",
  "changePercent",
  "comparisonWindow",
  "noDataMinutes",
  "forSeconds",
  "keepFiringForSeconds",
  "severity",
  "responsePlanId",
] as const;
export type ErrorField = (typeof FIELDS_WITH_ERRORS)[number];

const asErrorField = (path: PropertyKey | undefined): ErrorField =>
  FIELDS_WITH_ERRORS.find((field) => field === path) ?? "rule";

export type DraftCheck =
  { ok: true; input: Record<string, unknown> } | { ok: false; fields: Set<ErrorField> };

/** The rule schema's verdict on the draft: which fields it refuses. */
export function checkDraft(draft: RuleDraft): DraftCheck {
  const input = draftToInput(draft);
  const parsed = alertRuleInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, input };
  return { ok: false, fields: new Set(parsed.error.issues.map((issue) => asErrorField(issue.path[0]))) };
}
