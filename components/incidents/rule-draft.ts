import { saveRuleInput, type RuleView } from "@/server/incidents/contract";
import type { RuleDefinition } from "@/server/incidents/correlation-rule";

// The correlation-rule form's state (numbers as the inputs hold them, one on/off switch and value list per member
// kind) and its check against the server's own schema, turned into one error per form field. Pure: unit-tested.

export type RuleKey = RuleDefinition["key"];
export type Priority = RuleDefinition["priority"];
export type DraftKind = "ticket" | "risk_signal" | "alert";

export const RULE_KEYS: readonly RuleKey[] = ["city", "restaurant", "courier", "area"];
export const PRIORITIES: readonly Priority[] = ["P1", "P2", "P3", "P4"];
export const DRAFT_KINDS: readonly DraftKind[] = ["ticket", "risk_signal", "alert"];

const NUMBER_FIELDS = ["windowMinutes", "maxWindowMinutes", "minCount", "minReporters"] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

export interface RuleDraft {
  name: string;
  enabled: boolean;
  key: RuleKey;
  windowMinutes: string;
  maxWindowMinutes: string;
  minCount: string;
  minReporters: string;
  priority: Priority;
  title: string;
  /** Per kind: whether the rule takes it, and which categories / risk types / metrics (none ticked: any). */
  members: Record<DraftKind, { on: boolean; values: string[] }>;
  /** Alert rules an existing definition names; the form keeps them as they are. */
  alertRuleIds: string[];
}

/** A form field that can be refused; `members` covers the kinds together. */
export type DraftField = "name" | "title" | "members" | NumberField;

/** The message key for a refused field: a refinement between two fields has its own wording. */
type DraftError = DraftField | "maxBelowWindow" | "reportersAboveCount";

export type DraftCheck =
  | { ok: true; input: { name: string; enabled: boolean; definition: RuleDefinition } }
  | { ok: false; errors: ReadonlyMap<DraftField, DraftError> };

export function emptyDraft(): RuleDraft {
  return {
    name: "",
    enabled: true,
    key: "restaurant",
    windowMinutes: "30",
    maxWindowMinutes: "240",
    minCount: "5",
    minReporters: "3",
    priority: "P3",
    title: "",
    members: {
      ticket: { on: true, values: [] },
      risk_signal: { on: false, values: [] },
      alert: { on: false, values: [] },
    },
    alertRuleIds: [],
  };
}

export function draftOf(rule: RuleView): RuleDraft {
  const d = rule.definition;
  const draft = emptyDraft();
  for (const member of d.members) {
    if (member.kind === "ticket") draft.members.ticket = { on: true, values: [...member.categories] };
    if (member.kind === "risk_signal") draft.members.risk_signal = { on: true, values: [...member.types] };
    if (member.kind === "alert") {
      draft.members.alert = { on: true, values: [...member.metrics] };
      draft.alertRuleIds = [...member.ruleIds];
    }
  }
  return {
    ...draft,
    name: rule.name,
    enabled: rule.enabled,
    key: d.key,
    windowMinutes: String(d.windowMinutes),
    maxWindowMinutes: String(d.maxWindowMinutes),
    minCount: String(d.minCount),
    minReporters: String(d.minReporters),
    priority: d.priority,
    title: d.title,
  };
}

/** Empty text is missing, anything else not a plain number stays NaN: both fail the schema on that field. */
function number(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

function membersOf(draft: RuleDraft): RuleDefinition["members"] {
  const { ticket, risk_signal: risk, alert } = draft.members;
  return [
    ...(ticket.on ? [{ kind: "ticket" as const, categories: ticket.values }] : []),
    ...(risk.on ? [{ kind: "risk_signal" as const, types: risk.values }] : []),
    ...(alert.on ? [{ kind: "alert" as const, metrics: alert.values, ruleIds: draft.alertRuleIds }] : []),
  ];
}

function draftToInput(draft: RuleDraft): Record<string, unknown> {
  return {
    name: draft.name,
    enabled: draft.enabled,
    definition: {
      key: draft.key,
      ...Object.fromEntries(NUMBER_FIELDS.map((field) => [field, number(draft[field])])),
      priority: draft.priority,
      title: draft.title,
      members: membersOf(draft),
    },
  };
}

function fieldOf(path: readonly PropertyKey[]): DraftField {
  const [first, second] = path;
  const name = first === "definition" ? second : first;
  if (name === "name" || name === "title" || name === "members") return name;
  if ((NUMBER_FIELDS as readonly PropertyKey[]).includes(name ?? "")) return name as NumberField;
  return "members";
}

/** The draft as the save and preview calls take it, or the fields the schema refuses (first reason each). */
export function checkDraft(draft: RuleDraft): DraftCheck {
  const parsed = saveRuleInput.safeParse(draftToInput(draft));
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors = new Map<DraftField, DraftError>();
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path);
    if (errors.has(field)) continue;
    const refinement = issue.code === "custom";
    errors.set(
      field,
      refinement && field === "maxWindowMinutes"
        ? "maxBelowWindow"
        : refinement && field === "minReporters"
          ? "reportersAboveCount"
          : field,
    );
  }
  return { ok: false, errors };
}
