import type { RiskCaseStatus, RiskSignal } from "./types.ts";

// One open case per subject and risk type: a new signal joins the open case while it is within
// the dedupe window, so a burst of events becomes one case with many signals, not many cases.

export const DEFAULT_DEDUPE_WINDOW_HOURS = 7 * 24;

const HOUR_MS = 3_600_000;

export type CaseKeySource = Pick<RiskSignal, "subjectType" | "subjectId" | "type">;

/** RiskCase.openKey: unique while the case is open or mitigating, null once it is closed. */
export function caseKey(signal: CaseKeySource): string {
  return `${signal.subjectType}:${signal.subjectId}:${signal.type}`;
}

export interface OpenCaseRef {
  openedAt: Date;
  status: RiskCaseStatus;
}

/**
 * Whether `signal` belongs to `openCase` (already looked up by `caseKey(signal)`): the case is not
 * closed and the signal was observed before the window since the case opened ran out. Signals
 * observed before the case opened (late deliveries) always join: they belong to the same burst.
 */
export function joinsOpenCase(
  openCase: OpenCaseRef,
  signal: Pick<RiskSignal, "observedAt">,
  windowHours: number = DEFAULT_DEDUPE_WINDOW_HOURS,
): boolean {
  if (openCase.status === "closed") return false;
  return signal.observedAt.getTime() < openCase.openedAt.getTime() + windowHours * HOUR_MS;
}

/**
 * - `join`: attach the signal to the open case and rescore it.
 * - `open`: no open case for the key; open one with `openKey = caseKey(signal)`.
 * - `open_after_window`: a case is still open for the key but its window has run out. Because
 *   openKey is unique, the caller clears the stale case's openKey (it stays open for its owner)
 *   before opening the new case under the key.
 */
export type DedupeDecision = "join" | "open" | "open_after_window";

export function dedupeDecision(
  openCase: OpenCaseRef | null,
  signal: Pick<RiskSignal, "observedAt">,
  windowHours: number = DEFAULT_DEDUPE_WINDOW_HOURS,
): DedupeDecision {
  if (openCase === null || openCase.status === "closed") return "open";
  return joinsOpenCase(openCase, signal, windowHours) ? "join" : "open_after_window";
}
