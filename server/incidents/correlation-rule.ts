import { z } from "zod";

// A correlation rule is data, saved as numbered versions: each member records the rule version it joined under,
// so editing a rule never rewrites why an earlier member joined.

const CORRELATION_KEYS = ["city", "restaurant", "courier", "area"] as const;
type CorrelationKey = (typeof CORRELATION_KEYS)[number];

type MemberKind = "ticket" | "risk_signal" | "alert";

const memberSelector = z.discriminatedUnion("kind", [
  // Empty lists mean "any": a ticket of any category, a signal of any type, any alert.
  z.object({ kind: z.literal("ticket"), categories: z.array(z.string().min(1)).default([]) }),
  z.object({ kind: z.literal("risk_signal"), types: z.array(z.string().min(1)).default([]) }),
  z.object({
    kind: z.literal("alert"),
    ruleIds: z.array(z.uuid()).default([]),
    metrics: z.array(z.string().min(1)).default([]),
  }),
]);
type MemberSelector = z.infer<typeof memberSelector>;

export const ruleDefinitionSchema = z
  .object({
    key: z.enum(CORRELATION_KEYS),
    /** Members count together while each arrives within this long of the previous one (sliding). */
    windowMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    /** After this long from its first member an incident takes no more members by this rule: a new one starts. */
    maxWindowMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    minCount: z.number().int().min(1).max(10_000),
    minReporters: z.number().int().min(1).max(10_000),
    members: z.array(memberSelector).min(1),
    priority: z.enum(["P1", "P2", "P3", "P4"]),
    /** The incident's title; "{key}" is replaced by the key's value. */
    title: z.string().min(1).max(200),
  })
  .refine((rule) => rule.maxWindowMinutes >= rule.windowMinutes, {
    message: "maxWindowMinutes must be at least windowMinutes",
    path: ["maxWindowMinutes"],
  })
  .refine((rule) => rule.minReporters <= rule.minCount, {
    message: "minReporters cannot exceed minCount",
    path: ["minReporters"],
  });
export type RuleDefinition = z.infer<typeof ruleDefinitionSchema>;

export interface CorrelationRuleVersion {
  ruleId: string;
  version: number;
  name: string;
  definition: RuleDefinition;
}

/** What correlation knows of one member event, read from the event's payload. */
export interface MemberFact {
  kind: MemberKind;
  /** The ticket, risk case or alert. */
  memberId: string;
  eventId: string;
  at: Date;
  /** Ticket category, risk type, or alert metric. */
  category: string | null;
  /** The alert's rule, for alert selectors. */
  alertRuleId: string | null;
  keys: Partial<Record<CorrelationKey, string>>;
  /** Who reported it; distinct reporters count separately. */
  reporter: string;
}

function selects(selector: MemberSelector, fact: MemberFact): boolean {
  if (selector.kind !== fact.kind) return false;
  const within = (list: readonly string[], value: string | null) =>
    list.length === 0 || (value !== null && list.includes(value));
  switch (selector.kind) {
    case "ticket":
      return within(selector.categories, fact.category);
    case "risk_signal":
      return within(selector.types, fact.category);
    case "alert":
      return within(selector.ruleIds, fact.alertRuleId) && within(selector.metrics, fact.category);
  }
}

/** The key value a fact counts under for this rule, or null when the rule does not take it. */
export function keyOf(rule: RuleDefinition, fact: MemberFact): string | null {
  const value = fact.keys[rule.key];
  if (!value) return null;
  return rule.members.some((selector) => selects(selector, fact)) ? value : null;
}

export function titleFor(rule: RuleDefinition, keyValue: string): string {
  return rule.title.replaceAll("{key}", keyValue);
}
