import type { PolicySnapshot } from "./contract.ts";

// The escalation's clock, pure: which level fires now, who it pages, and when the next step is due. Levels run
// in order, each waiting its acknowledgement timeout; then the policy repeats `repeat` more rounds. A level whose
// recipients are all off duty (a working-hours-only level at night) is passed over at once instead of waiting.

export interface EscalationPosition {
  level: number;
  round: number;
}

interface FiredStep {
  level: number;
  round: number;
  recipients: string[];
}

export interface StepPlan {
  /** The step to record now; null when every remaining level had nobody to page. */
  fired: FiredStep | null;
  /** Where the escalation stands after this step. */
  next: EscalationPosition;
  /** When the next step is due; null when the policy is exhausted. */
  nextStepAt: Date | null;
}

const MINUTE_MS = 60_000;

function following(position: EscalationPosition, policy: PolicySnapshot): EscalationPosition | null {
  if (position.level + 1 < policy.levels.length) return { level: position.level + 1, round: position.round };
  if (position.round < policy.repeat) return { level: 0, round: position.round + 1 };
  return null;
}

/**
 * Plans the step due at `now` from `position`. `recipientsOf(level)` answers who that level may page now
 * (already filtered by working hours).
 */
export function planStep(
  policy: PolicySnapshot,
  position: EscalationPosition,
  now: Date,
  recipientsOf: (level: number) => string[],
): StepPlan {
  for (let at: EscalationPosition | null = position; at !== null; at = following(at, policy)) {
    const recipients = recipientsOf(at.level);
    if (recipients.length === 0) continue;
    const next = following(at, policy);
    const timeout = policy.levels[at.level]!.timeoutMinutes * MINUTE_MS;
    return {
      fired: { level: at.level, round: at.round, recipients },
      next: next ?? at,
      nextStepAt: next === null ? null : new Date(now.getTime() + timeout),
    };
  }
  return { fired: null, next: position, nextStepAt: null };
}

/** The first step of a new escalation is due at once. */
export const FIRST_POSITION: EscalationPosition = { level: 0, round: 0 };
