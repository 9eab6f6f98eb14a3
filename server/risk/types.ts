// Shared vocabulary of the risk domain. The string values are exactly the Prisma enum values
// (types.test.ts compares them with the generated client), so rows can be passed in unchanged.

export const RISK_TYPES = [
  "order_anomaly",
  "refund_abuse",
  "payment_anomaly",
  "account_takeover",
  "delivery_fraud",
  "courier_safety",
  "restaurant_collusion",
] as const;
export type RiskType = (typeof RISK_TYPES)[number];

export const RISK_SUBJECT_TYPES = ["consumer", "restaurant", "courier", "order"] as const;
export type RiskSubjectType = (typeof RISK_SUBJECT_TYPES)[number];

/** Ordered from least to most severe; `levelRank` relies on this order. */
export const RISK_LEVELS = ["low", "medium", "high", "critical"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_CASE_STATUSES = ["open", "mitigating", "closed"] as const;
export type RiskCaseStatus = (typeof RISK_CASE_STATUSES)[number];

export const RISK_RESOLUTIONS = ["confirmed_fraud", "mitigated", "false_positive"] as const;
export type RiskResolution = (typeof RISK_RESOLUTIONS)[number];

export const MITIGATION_STATUSES = ["todo", "in_progress", "completed", "cancelled"] as const;
export type MitigationStatus = (typeof MITIGATION_STATUSES)[number];

export type SignalAttributeValue = number | string | boolean;

export interface RiskSignal {
  type: RiskType;
  subjectType: RiskSubjectType;
  subjectId: string;
  attributes: Record<string, SignalAttributeValue>;
  observedAt: Date;
  /** Idempotency key from the producer; also used to de-duplicate signals against history. */
  sourceEventId: string;
}

export function levelRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

export function isRiskType(value: unknown): value is RiskType {
  return typeof value === "string" && (RISK_TYPES as readonly string[]).includes(value);
}

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === "string" && (RISK_LEVELS as readonly string[]).includes(value);
}

export function isRiskResolution(value: unknown): value is RiskResolution {
  return typeof value === "string" && (RISK_RESOLUTIONS as readonly string[]).includes(value);
}
