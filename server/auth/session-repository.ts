import type { Queryable } from "../db/transaction.ts";

// Signed-in browsers (UserSession) and what a request needs to know of one.

export interface SessionState {
  id: string;
  userId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  mfaVerifiedAt: Date | null;
  /** The user has a confirmed authenticator. */
  mfaEnrolled: boolean;
}

export async function insertUserSession(
  db: Queryable,
  data: { userId: string; expiresAt: Date; mfaVerifiedAt: Date | null; userAgent: string | null },
): Promise<string> {
  const row = await db.userSession.create({ data, select: { id: true } });
  return row.id;
}

export async function findSessionState(db: Queryable, id: string): Promise<SessionState | null> {
  const row = await db.userSession.findUnique({
    where: { id },
    select: {
      id: true,
      userId: true,
      expiresAt: true,
      revokedAt: true,
      mfaVerifiedAt: true,
      user: { select: { totpEnabledAt: true } },
    },
  });
  if (!row) return null;
  const { user, ...session } = row;
  return { ...session, mfaEnrolled: user.totpEnabledAt !== null };
}

export async function markSessionVerified(db: Queryable, id: string, at: Date): Promise<void> {
  await db.userSession.updateMany({ where: { id, revokedAt: null }, data: { mfaVerifiedAt: at } });
}

/** Ends one session, or every open session of a user; returns how many ended. */
export async function revokeSessions(
  db: Queryable,
  where: { userId: string; sessionId?: string; exceptSessionId?: string },
  at: Date,
): Promise<number> {
  const { count } = await db.userSession.updateMany({
    where: {
      userId: where.userId,
      revokedAt: null,
      ...(where.sessionId ? { id: where.sessionId } : {}),
      ...(where.exceptSessionId ? { id: { not: where.exceptSessionId } } : {}),
    },
    data: { revokedAt: at },
  });
  return count;
}

export function listOpenSessions(db: Queryable, userId: string, now: Date) {
  return db.userSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, expiresAt: true, mfaVerifiedAt: true, userAgent: true },
  });
}
