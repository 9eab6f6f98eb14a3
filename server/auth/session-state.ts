import type { Db } from "../db/client.ts";
import { findSessionState, type SessionState } from "./session-repository.ts";

// Every request checks its session id against UserSession, cached for a few seconds per process: a revoked session
// is refused on the next request here at once (the revoking code forgets it) and on other instances within 5 s.

const CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;
// One cache per process on globalThis: Next loads this module once per bundle (the tRPC route, each page), and a
// session forgotten by one bundle (an enrolment, a revocation) must be forgotten by all.
type SessionCache = Map<string, { loadedAt: number; state: SessionState | null }>;
const globalForSessions = globalThis as unknown as { opsSessionCache?: SessionCache };
const cache: SessionCache = (globalForSessions.opsSessionCache ??= new Map());

/** The session when it is open (not revoked, not expired), else null. */
export async function openSession(db: Db, id: string, now: Date): Promise<SessionState | null> {
  const hit = cache.get(id);
  let state = hit && now.getTime() - hit.loadedAt < CACHE_MS ? hit.state : undefined;
  if (state === undefined) {
    state = await findSessionState(db, id);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(id, { loadedAt: now.getTime(), state });
  }
  if (!state || state.revokedAt || state.expiresAt <= now) return null;
  return state;
}

/** After a change to sessions of this user (revoked, verified, enrolled): read them fresh next time. */
export function forgetUserSessions(userId: string): void {
  for (const [id, entry] of cache) {
    if (entry.state?.userId === userId) cache.delete(id);
  }
}

/** Re-reads one session, skipping the cache: a step-up verified on another instance shows here at once. */
export async function freshSession(db: Db, id: string): Promise<SessionState | null> {
  cache.delete(id);
  return openSession(db, id, new Date());
}
