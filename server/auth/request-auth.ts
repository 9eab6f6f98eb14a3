import type { Session } from "next-auth";
import type { Db } from "../db/client.ts";
import { loadSessionUser, type SessionUser } from "./repository.ts";
import type { SessionState } from "./session-repository.ts";
import { openSession } from "./session-state.ts";

export interface RequestAuth {
  user: SessionUser;
  session: SessionState;
}

/**
 * The user behind a request's next-auth session: only while the session row it names is open and belongs to
 * them, and the user is active. A token from before sessions were revocable names none, and signs in again.
 */
export async function authenticate(
  db: Db,
  session: Session | null,
  now = new Date(),
): Promise<RequestAuth | null> {
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || !sessionId) return null;
  const state = await openSession(db, sessionId, now);
  if (!state || state.userId !== userId) return null;
  const user = await loadSessionUser(db, userId);
  return user ? { user, session: state } : null;
}
