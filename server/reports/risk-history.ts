import { integer, text, type HistoryEvent } from "./history.ts";

// A risk case's handling as its events tell it: detected (with type, level and the rule-set version that scored
// it), acknowledged, first mitigation completed, closed (with its resolution). Re-assessments move the level.

export interface RiskCaseFact {
  caseId: string;
  number: number | null;
  type: string;
  level: string;
  ruleSetVersion: number | null;
  detectedAt: Date;
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  closedAt: Date | null;
  resolution: string | null;
}

const MINUTE_MS = 60_000;

export function minutesBetween(a: Date, b: Date | null): number | null {
  return b === null ? null : Math.max(0, (b.getTime() - a.getTime()) / MINUTE_MS);
}

export function foldRiskCase(caseId: string, events: readonly HistoryEvent[]): RiskCaseFact | null {
  const detected = events.find((event) => event.type === "RiskDetected");
  if (detected === undefined) return null;
  const fact: RiskCaseFact = {
    caseId,
    number: integer(detected.payload, "number"),
    type: text(detected.payload, "type") ?? "unknown",
    level: text(detected.payload, "level") ?? "unknown",
    ruleSetVersion: integer(detected.payload, "ruleSetVersion"),
    detectedAt: detected.occurredAt,
    acknowledgedAt: null,
    mitigatedAt: null,
    closedAt: null,
    resolution: null,
  };
  for (const event of events) {
    if (event.seq <= detected.seq) continue;
    if (event.type === "RiskAssessed") fact.level = text(event.payload, "level") ?? fact.level;
    if (event.type === "RiskAcknowledged") fact.acknowledgedAt ??= event.occurredAt;
    if (event.type === "MitigationCompleted") fact.mitigatedAt ??= event.occurredAt;
    if (event.type === "CaseClosed") {
      fact.closedAt = event.occurredAt;
      fact.resolution = text(event.payload, "resolution");
      fact.level = text(event.payload, "level") ?? fact.level;
    }
  }
  return fact;
}
