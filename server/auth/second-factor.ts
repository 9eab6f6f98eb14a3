import { AppError } from "../lib/errors.ts";
import { requiresMfa, STEP_UP_PROCEDURES, STEP_UP_WINDOW_MS } from "./permissions.ts";
import type { SessionState } from "./session-repository.ts";

// What a request needs of the second factor, decided in one place for tRPC and pages. The refusal's reason travels
// in the error's details, so the console can tell "ask for a code" from an ordinary 403.

export const STEP_UP_REQUIRED = "STEP_UP_REQUIRED";
export const MFA_ENROLMENT_REQUIRED = "MFA_ENROLMENT_REQUIRED";
export type SecondFactorReason = typeof STEP_UP_REQUIRED | typeof MFA_ENROLMENT_REQUIRED;

export function stepUpIsFresh(session: Pick<SessionState, "mfaVerifiedAt"> | null, now: Date): boolean {
  const at = session?.mfaVerifiedAt;
  return !!at && now.getTime() - at.getTime() < STEP_UP_WINDOW_MS;
}

export function needsStepUp(procedurePath: string): boolean {
  return STEP_UP_PROCEDURES.has(procedurePath);
}

/** An account whose roles require a second factor but has none yet may only enrol. */
export function mustEnrolMfa(roles: readonly string[], session: Pick<SessionState, "mfaEnrolled">): boolean {
  return requiresMfa(roles) && !session.mfaEnrolled;
}

export function secondFactorRefusal(reason: SecondFactorReason): AppError {
  const message =
    reason === STEP_UP_REQUIRED
      ? "Confirm it is you: enter a code from your authenticator app."
      : "Set up your authenticator app first.";
  return new AppError("FORBIDDEN", message, { details: { reason } });
}
