import QRCode from "qrcode";
import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { hashPassword, sha256Hex, verifyPassword } from "../auth/hash.ts";
import { verifySecondFactor } from "../auth/mfa.ts";
import {
  countUnusedRecoveryCodes,
  enableTotp,
  findTotpState,
  savePendingTotpSecret,
} from "../auth/mfa-repository.ts";
import { requiresMfa, STEP_UP_WINDOW_MS } from "../auth/permissions.ts";
import { findPasswordHash } from "../auth/repository.ts";
import { listOpenSessions, markSessionVerified, revokeSessions } from "../auth/session-repository.ts";
import { forgetUserSessions } from "../auth/session-state.ts";
import { acceptTotp, newRecoveryCodes, newTotpSecret, totpUri } from "../auth/totp.ts";
import { recordEvent } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import { decryptPii, encryptPii } from "../lib/pii-cipher.ts";
import { piiKeyring } from "../lib/pii-keyring.ts";
import { actingUser, type ServiceContext } from "../lib/service-context.ts";
import type { AccountView } from "./contract.ts";
import { findOpenInvite, setPasswordHash, spendInvite } from "./repository.ts";

// A person's own account: password, authenticator, step-up, sessions; and accepting an invitation.

const AGGREGATE = "user";

/** The signed-in user and the session this request came with (step-up and "this device" need it). */
export interface AccountCaller {
  context: ServiceContext;
  sessionId: string | null;
}

function me(context: ServiceContext) {
  const user = actingUser(context);
  if (!user) throw new AppError("FORBIDDEN", "Only a signed-in person has an account page.");
  return user;
}

const wrongCode = () =>
  new AppError("BAD_REQUEST", "That code is not valid.", { details: { field: "code" } });

export async function getAccount(db: Db, { context, sessionId }: AccountCaller): Promise<AccountView> {
  const user = me(context);
  const now = context.clock.now();
  const [state, sessions, unused] = await Promise.all([
    findTotpState(db, user.id),
    listOpenSessions(db, user.id, now),
    countUnusedRecoveryCodes(db, user.id),
  ]);
  const current = sessions.find((s) => s.id === sessionId);
  const verifiedAt = current?.mfaVerifiedAt ?? null;
  const stepUpValidUntil = verifiedAt ? new Date(verifiedAt.getTime() + STEP_UP_WINDOW_MS) : null;
  return {
    email: user.email,
    name: user.name,
    mfaEnabled: !!state?.totpEnabledAt,
    mfaRequired: requiresMfa(user.roles),
    unusedRecoveryCodes: unused,
    stepUpValidUntil: stepUpValidUntil && stepUpValidUntil > now ? stepUpValidUntil : null,
    sessions: sessions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      userAgent: s.userAgent,
      current: s.id === sessionId,
    })),
  };
}

/** A new secret to scan; it replaces the one in use only when a code from it is confirmed. */
export async function startMfaEnrolment(db: Db, { context }: AccountCaller) {
  const user = me(context);
  const secret = newTotpSecret();
  await savePendingTotpSecret(db, user.id, encryptPii(piiKeyring(), secret));
  const otpauthUri = totpUri(secret, user.email);
  return { secret, otpauthUri, qrDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 200 }) };
}

/** Confirms the pending secret with a code from it; returns the recovery codes, shown this once. */
export async function confirmMfaEnrolment(db: Db, { context, sessionId }: AccountCaller, code: string) {
  const user = me(context);
  const now = context.clock.now();
  const { codes, hashes } = newRecoveryCodes();
  await withTransaction(db, async (tx) => {
    const state = await findTotpState(tx, user.id);
    if (!state?.totpPendingSecret)
      throw new AppError("CONFLICT", "Start the set-up again: no new authenticator is waiting.");
    const step = await acceptTotp(decryptPii(piiKeyring(), state.totpPendingSecret), code, now, null);
    if (step === null) throw wrongCode();
    await enableTotp(tx, user.id, {
      encryptedSecret: state.totpPendingSecret,
      step,
      recoveryCodeHashes: hashes,
      at: now,
    });
    // Enrolling is verifying: the privileged work it was needed for can go on in this session.
    if (sessionId) await markSessionVerified(tx, sessionId, now);
    await recordEvent(tx, context, {
      type: "MfaEnrolled",
      aggregateType: AGGREGATE,
      aggregateId: user.id,
      payload: { replaced: state.totpEnabledAt !== null },
    });
  });
  forgetUserSessions(user.id);
  return { recoveryCodes: codes };
}

/** Step-up: a code now covers privileged operations in this session for the next 10 minutes. */
export async function verifyStepUp(db: Db, { context, sessionId }: AccountCaller, code: string) {
  const user = me(context);
  if (!sessionId) throw new AppError("UNAUTHORIZED", "Sign in again.");
  const now = context.clock.now();
  if (!(await verifySecondFactor(db, user.id, code, now))) throw wrongCode();
  await markSessionVerified(db, sessionId, now);
  forgetUserSessions(user.id);
  return { validUntil: new Date(now.getTime() + STEP_UP_WINDOW_MS) };
}

/** A new password, given the current one; every other session of the user ends. */
export async function changePassword(
  db: Db,
  { context, sessionId }: AccountCaller,
  input: { currentPassword: string; newPassword: string },
) {
  const user = me(context);
  const current = await findPasswordHash(db, user.id);
  if (!current || !(await verifyPassword(input.currentPassword, current))) {
    throw new AppError("BAD_REQUEST", "The current password is not right.", {
      details: { field: "currentPassword" },
    });
  }
  const newHash = await hashPassword(input.newPassword);
  const now = context.clock.now();
  await withTransaction(db, async (tx) => {
    await setPasswordHash(tx, user.id, newHash);
    const sessionsEnded = await revokeSessions(
      tx,
      { userId: user.id, ...(sessionId ? { exceptSessionId: sessionId } : {}) },
      now,
    );
    await recordEvent(tx, context, {
      type: "PasswordChanged",
      aggregateType: AGGREGATE,
      aggregateId: user.id,
      payload: { sessionsEnded },
    });
  });
  forgetUserSessions(user.id);
}

/** Ends one of the user's sessions, or all of them ("sign out everywhere", this one included). */
export async function signOutSessions(db: Db, { context }: AccountCaller, only?: string) {
  const user = me(context);
  const now = context.clock.now();
  const sessionsEnded = await withTransaction(db, async (tx) => {
    const ended = await revokeSessions(tx, { userId: user.id, ...(only ? { sessionId: only } : {}) }, now);
    await recordEvent(tx, context, {
      type: "SessionsRevoked",
      aggregateType: AGGREGATE,
      aggregateId: user.id,
      payload: { sessionsEnded: ended, everywhere: !only },
    });
    return ended;
  });
  forgetUserSessions(user.id);
  return { sessionsEnded };
}

/** The invitee sets a password with the one-time link; the link is spent, whatever happens next. */
export async function acceptInvite(
  db: Db,
  context: ServiceContext,
  input: { token: string; password: string },
) {
  const passwordHash = await hashPassword(input.password);
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    const invite = await findOpenInvite(tx, sha256Hex(input.token), now);
    if (!invite || !(await spendInvite(tx, invite.id, now))) {
      throw new AppError("NOT_FOUND", "This invitation link has expired or was used already.", {
        details: { field: "token" },
      });
    }
    await setPasswordHash(tx, invite.userId, passwordHash);
    await recordEvent(tx, context, {
      type: "UserInviteAccepted",
      aggregateType: AGGREGATE,
      aggregateId: invite.userId,
      payload: {},
    });
    return { accepted: true };
  });
}
