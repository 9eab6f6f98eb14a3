import { randomUUID } from "node:crypto";
import type { Session } from "next-auth";
import { createCaller } from "../../server/api/root.ts";
import type { Context } from "../../server/api/trpc.ts";
import type { Role } from "../../server/auth/permissions.ts";
import type { SessionUser } from "../../server/auth/repository.ts";
import { authenticate } from "../../server/auth/request-auth.ts";
import { insertUserSession } from "../../server/auth/session-repository.ts";
import { getDb } from "../../server/db/client.ts";
import { disableClient } from "../../server/integration/api-client-service.ts";
import { issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { logger } from "../../server/lib/logger.ts";
import { userContext } from "../../server/lib/service-context.ts";
import { signOutSessions } from "../../server/users/account-service.ts";
import { deactivateUser } from "../../server/users/service.ts";
import { createApiClient, createUser } from "./fixtures.ts";
import { supportTeams } from "./tickets.ts";

// Who the security matrix knocks as: signed-in people of each role (with real UserSession rows, so a request is
// authenticated the way createContext does it) and API clients whose tokens are live, expired or disowned.

const db = getDb();
const HOUR_MS = 60 * 60 * 1000;

interface SignedIn {
  user: SessionUser;
  /** What next-auth decodes from the browser's JWT: the user and the UserSession row it names. */
  session: Session;
}

/**
 * A person of `role` signed in with a session whose second factor was verified at `verifiedAt` (null: never).
 * Admins have an enrolled authenticator, as they must before anything else; agents belong to a team.
 */
export async function signedIn(
  role: Role,
  verifiedAt: Date | null,
  expiresAt = new Date(Date.now() + HOUR_MS),
): Promise<SignedIn> {
  const user = await createUser([role]);
  const teamId = role === "support_agent" ? (await supportTeams()).consumer : null;
  await db.user.update({
    where: { id: user.id },
    data: { teamId, totpEnabledAt: role === "admin" ? new Date() : null },
  });
  const sessionId = await insertUserSession(db, {
    userId: user.id,
    expiresAt,
    mfaVerifiedAt: verifiedAt,
    userAgent: "security-matrix",
  });
  return {
    user: { ...user, teamId },
    session: { user: { id: user.id }, sessionId, expires: expiresAt.toISOString() },
  };
}

/** The request context createContext would build for this next-auth session (null: no cookie). */
export async function trpcContext(session: Session | null, sameOrigin?: boolean): Promise<Context> {
  const auth = await authenticate(db, session);
  return {
    db,
    user: auth?.user ?? null,
    session: auth?.session ?? null,
    correlationId: `security-${randomUUID()}`,
    log: logger,
    sameOrigin,
  };
}

/** Signs the person out of this session through the account service, as the "sign out" button does. */
export async function signOut({ user, session }: SignedIn): Promise<void> {
  const context = userContext(user, `security-${randomUUID()}`);
  await signOutSessions(db, { context, sessionId: session.sessionId ?? null }, session.sessionId);
}

/** An admin deactivates the person, which ends every session of theirs at once. */
export async function deactivate({ user }: SignedIn): Promise<void> {
  const admin = userContext(await createUser(["admin"]), `security-${randomUUID()}`);
  await deactivateUser(db, admin, { id: user.id });
}

type Caller = ReturnType<typeof createCaller>;

/** Calls the procedure at a dotted path (`risk.rules.publish`); a subscription's stream is closed at once. */
export async function callProcedure(caller: Caller, procedurePath: string, input?: unknown): Promise<void> {
  const procedure = procedurePath
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  const result = await procedure(input);
  const stream = result as AsyncIterable<unknown> | null;
  if (stream && typeof stream === "object" && Symbol.asyncIterator in stream) {
    await stream[Symbol.asyncIterator]().return?.();
  }
}

/** A bearer token of a new client holding `scopes`. */
export async function tokenWith(scopes: readonly string[]): Promise<string> {
  const client = await createApiClient([...scopes]);
  return (await issueClientCredentialsToken(db, { ...client, scope: null })).access_token;
}

/**
 * Tokens for `scope` that must no longer open anything: expired, of a client an admin disabled, of a client
 * past its expiry. Each is issued while valid and then made invalid, as time or an admin would.
 */
export async function deadTokens(scope: string): Promise<Record<string, string>> {
  const past = new Date(Date.now() - 1000);
  const issue = async () => {
    const client = await createApiClient([scope]);
    const token = await issueClientCredentialsToken(db, { ...client, scope: null });
    const row = await db.apiClient.findUniqueOrThrow({ where: { clientId: client.clientId } });
    return { token: token.access_token, clientDbId: row.id };
  };
  const expired = await issue();
  await db.apiAccessToken.updateMany({ where: { clientId: expired.clientDbId }, data: { expiresAt: past } });
  const disabled = await issue();
  const admin = userContext(await createUser(["admin"]), `security-${randomUUID()}`);
  await disableClient(db, admin, { id: disabled.clientDbId });
  const lapsed = await issue();
  await db.apiClient.update({ where: { id: lapsed.clientDbId }, data: { expiresAt: past } });
  return {
    "expired token": expired.token,
    "disabled client": disabled.token,
    "expired client": lapsed.token,
  };
}
