import type { Queryable } from "../db/transaction.ts";
import { decryptPii } from "../lib/pii-cipher.ts";
import { piiKeyring } from "../lib/pii-keyring.ts";
import { claimTotpStep, findTotpState, spendRecoveryCode } from "./mfa-repository.ts";
import { acceptTotp, looksLikeRecoveryCode, recoveryCodeHash } from "./totp.ts";

export type SecondFactor = "totp" | "recovery_code";

/**
 * Checks a code from the user's authenticator, or one of their recovery codes; either is usable once. Null when
 * the user has no confirmed authenticator or the code does not fit.
 */
export async function verifySecondFactor(
  db: Queryable,
  userId: string,
  code: string,
  now: Date,
): Promise<SecondFactor | null> {
  const state = await findTotpState(db, userId);
  if (!state?.totpSecret || !state.totpEnabledAt) return null;
  if (looksLikeRecoveryCode(code)) {
    return (await spendRecoveryCode(db, userId, recoveryCodeHash(code), now)) ? "recovery_code" : null;
  }
  const secret = decryptPii(piiKeyring(), state.totpSecret);
  const step = await acceptTotp(secret, code, now, state.totpLastStep);
  return step !== null && (await claimTotpStep(db, userId, step)) ? "totp" : null;
}
