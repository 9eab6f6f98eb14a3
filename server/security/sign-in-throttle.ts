import { sha256Hex } from "../auth/hash.ts";
import { appendAuditEntry } from "../audit/append.ts";
import type { Db } from "../db/client.ts";
import { logger } from "../lib/logger.ts";
import { throttles, type Consumed, type Throttles } from "./rate-limits.ts";
import { noteRefusal } from "./too-many-requests.ts";

// Sign-in attempts are counted before the password is checked, so a burst of parallel guesses cannot outrun
// the count. The account's key is derived from the typed address whether or not such an account exists, so the
// answers (the delay, the lockout) are the same for an unknown account and a wrong password.

export type SignInAdmission =
  { allowed: true; attempt: number } | { allowed: false; retryAfterSeconds: number };

/** Keys hold no address in clear: the counters table is not a list of who tried to sign in. */
function accountKey(email: string): string {
  return sha256Hex(email.trim().toLowerCase());
}

async function auditLockout(
  db: Db,
  kind: "account" | "ip",
  subject: string,
  consumed: Consumed,
  ip: string | null,
) {
  if (!consumed.crossed || consumed.decision.allowed) return;
  const lockedForSeconds = consumed.decision.retryAfterSeconds;
  logger.warn({ kind, ip, lockedForSeconds }, "sign-in lockout");
  await appendAuditEntry(db, {
    actorType: "system",
    actorId: null,
    action: "SignInLockedOut",
    entityType: kind === "account" ? "sign_in_account" : "sign_in_ip",
    entityId: subject,
    details: { attempts: consumed.consumedPoints, lockedForSeconds, ip },
  });
}

export async function admitSignIn(
  db: Db,
  email: string,
  ip: string | null,
  limits: Throttles = throttles(),
): Promise<SignInAdmission> {
  const address = email.trim().toLowerCase();
  const account = await limits.sign_in_account.consume(accountKey(address));
  const byIp = ip ? await limits.sign_in_ip.consume(ip) : null;
  await auditLockout(db, "account", address, account, ip);
  if (byIp) await auditLockout(db, "ip", ip ?? "", byIp, ip);
  const refusals = [account, byIp].flatMap((consumed) =>
    consumed && !consumed.decision.allowed ? [consumed.decision.retryAfterSeconds] : [],
  );
  if (refusals.length > 0) {
    const retryAfterSeconds = Math.max(...refusals);
    noteRefusal(account.decision.allowed ? "sign_in_ip" : "sign_in_account", retryAfterSeconds);
    return { allowed: false, retryAfterSeconds };
  }
  return { allowed: true, attempt: account.consumedPoints };
}

/** A success forgets the account's consecutive failures and gives the address its point back. */
export async function signInSucceeded(
  email: string,
  ip: string | null,
  limits: Throttles = throttles(),
): Promise<void> {
  await limits.sign_in_account.reset(accountKey(email));
  if (ip) await limits.sign_in_ip.reward(ip);
}

// How a refused sign-in travels through next-auth: authorize() throws this message, next-auth puts it in the
// answer's `error` parameter, and the auth route turns it into a 429 with Retry-After (sign-in-answer.ts).
const REFUSAL = /^TooManyAttempts:(\d+)$/;

export function signInRefusal(retryAfterSeconds: number): string {
  return `TooManyAttempts:${retryAfterSeconds}`;
}

export function parseSignInRefusal(error: string | null): number | null {
  const match = REFUSAL.exec(error ?? "");
  return match ? Number(match[1]) : null;
}
