import type { RiskCaseStatus, RiskLevel } from "./types.ts";

type NotificationChannel = "page_on_call" | "slack" | "email_digest" | "none";

interface EscalationStep {
  /** Owning queue (RiskCase.queue) for a case at this level. */
  queue: string;
  /** Minutes from opening until someone must acknowledge; null = no target. */
  ackTargetMinutes: number | null;
  channel: NotificationChannel;
  /** A missed acknowledgement pages ESCALATION_TARGET (once per case). */
  escalateOnMissedAck: boolean;
}

export type RiskEscalationPolicy = Readonly<Record<RiskLevel, EscalationStep>>;

export const ESCALATION_TARGET = "admin-on-call";

export const RISK_ESCALATION_POLICY: RiskEscalationPolicy = {
  critical: {
    queue: "risk-critical",
    ackTargetMinutes: 15,
    channel: "page_on_call",
    escalateOnMissedAck: true,
  },
  high: { queue: "risk-high", ackTargetMinutes: 60, channel: "slack", escalateOnMissedAck: false },
  medium: {
    queue: "risk-triage",
    ackTargetMinutes: 8 * 60,
    channel: "email_digest",
    escalateOnMissedAck: false,
  },
  low: { queue: "risk-triage", ackTargetMinutes: null, channel: "none", escalateOnMissedAck: false },
};

const MINUTE_MS = 60_000;

export function queueFor(level: RiskLevel, policy: RiskEscalationPolicy = RISK_ESCALATION_POLICY): string {
  return policy[level].queue;
}

/** RiskCase.ackDueAt; null when the level has no acknowledgement target. */
export function ackDueAt(
  level: RiskLevel,
  openedAt: Date,
  policy: RiskEscalationPolicy = RISK_ESCALATION_POLICY,
): Date | null {
  const minutes = policy[level].ackTargetMinutes;
  return minutes === null ? null : new Date(openedAt.getTime() + minutes * MINUTE_MS);
}

export interface EscalationCandidate {
  level: RiskLevel;
  openedAt: Date;
  acknowledgedAt: Date | null;
  escalatedAt: Date | null;
  status?: RiskCaseStatus;
}

/**
 * When the case will need escalating if nobody acknowledges it, or null if it never will
 * (acknowledged, already escalated, closed, or its level does not escalate). A scheduler can
 * sleep until this instant instead of polling.
 */
export function escalationDueAt(
  riskCase: EscalationCandidate,
  policy: RiskEscalationPolicy = RISK_ESCALATION_POLICY,
): Date | null {
  if (!policy[riskCase.level].escalateOnMissedAck) return null;
  if (riskCase.acknowledgedAt !== null || riskCase.escalatedAt !== null || riskCase.status === "closed")
    return null;
  return ackDueAt(riskCase.level, riskCase.openedAt, policy);
}

/**
 * True once an unacknowledged escalating (critical) case reaches its acknowledgement target.
 * The caller records `escalatedAt` when it pages, which makes this false again: escalation
 * happens once per case.
 */
export function needsEscalation(
  riskCase: EscalationCandidate,
  now: Date,
  policy: RiskEscalationPolicy = RISK_ESCALATION_POLICY,
): boolean {
  const due = escalationDueAt(riskCase, policy);
  return due !== null && now.getTime() >= due.getTime();
}
