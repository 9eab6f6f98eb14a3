import { randomBytes } from "node:crypto";
import { generate, generateSecret, generateURI, verify } from "otplib";
import { sha256Hex } from "./hash.ts";

// Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 s), as every authenticator app reads them.

const ISSUER = "Ops Console";
/** One step either side of the server's: a phone clock a little off, or a code typed as it turned. */
const TOLERANCE_SECONDS = 30;
const RECOVERY_CODES = 10;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: ISSUER, label: email, secret });
}

/** For tests and the demo: the code an authenticator shows at `at`. */
export function totpCodeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/**
 * The time step a code belongs to when it is valid at `now` and later than `lastStep`, else null: a code is
 * usable once, so the caller stores the step it returns and passes it back next time.
 */
export async function acceptTotp(
  secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): Promise<number | null> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  // The functional API types HOTP and TOTP results together; a TOTP result names its time step.
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** Recovery codes as shown once ("xxxxx-xxxxx"), and the hashes kept of them. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomBytes(8).toString("hex").slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  return { codes, hashes: codes.map(recoveryCodeHash) };
}

/** Recovery codes are random, so a fast hash is enough; dashes, spaces and case do not matter when typed. */
export function recoveryCodeHash(code: string): string {
  return sha256Hex(code.replace(/[\s-]/g, "").toLowerCase());
}

/** A recovery code looks like "xxxxx-xxxxx" (hex); a TOTP code is six digits. */
export function looksLikeRecoveryCode(code: string): boolean {
  return /^[0-9a-f]{10}$/i.test(code.replace(/[\s-]/g, ""));
}
