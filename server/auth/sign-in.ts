import type { Queryable } from "../db/transaction.ts";
import { verifySecondFactor } from "./mfa.ts";
import { findTotpState } from "./mfa-repository.ts";
import { insertUserSession } from "./session-repository.ts";

// After the password: the second factor when the user has one, then a session row the JWT will name.

/** What authorize() throws so the sign-in form asks for a code (next-auth passes the message to the client). */
export const MFA_REQUIRED_ERROR = "MfaRequired";
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export type SignInSession = { sessionId: string } | "mfa_required" | "mfa_invalid";

export async function openSignInSession(
  db: Queryable,
  userId: string,
  code: string | undefined,
  userAgent: string | null,
  now: Date,
): Promise<SignInSession> {
  const state = await findTotpState(db, userId);
  let mfaVerifiedAt: Date | null = null;
  if (state?.totpEnabledAt) {
    if (!code) return "mfa_required";
    if (!(await verifySecondFactor(db, userId, code, now))) return "mfa_invalid";
    mfaVerifiedAt = now;
  }
  const expiresAt = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  const sessionId = await insertUserSession(db, {
    userId,
    expiresAt,
    mfaVerifiedAt,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { sessionId };
}
