import { randomUUID } from "node:crypto";
import type { SessionUser } from "../../server/auth/repository.ts";
import type { SessionState } from "../../server/auth/session-repository.ts";

/**
 * A browser session whose second factor was just verified, for in-process callers of step-up procedures
 * (risk.revealPii, apiClients.create, …): without one they are refused with STEP_UP_REQUIRED, as a browser is.
 */
export function verifiedSession(user: SessionUser | null, verifiedAt = new Date()): SessionState | null {
  if (!user) return null;
  return {
    id: randomUUID(),
    userId: user.id,
    expiresAt: new Date(verifiedAt.getTime() + 60 * 60 * 1000),
    revokedAt: null,
    mfaVerifiedAt: verifiedAt,
    mfaEnrolled: true,
  };
}
