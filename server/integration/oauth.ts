import type { Db } from "../db/client.ts";
import { constantTimeEqual, randomToken, sha256Hex } from "../auth/hash.ts";
import { AppError } from "../lib/errors.ts";
import {
  findActiveClient,
  findLiveToken,
  insertAccessToken,
  touchClientLastUsed,
} from "./api-client-repository.ts";
import { parseScopeParam, type ApiScope } from "./scopes.ts";
import type { OAuthErrorCode } from "./token-contract.ts";

const TOKEN_TTL_SECONDS = 3600;

/** RFC 6749 §5.2 error, rendered by the token route as `{ error, error_description }`. */
export class OAuthError extends Error {
  constructor(
    readonly error: Exclude<OAuthErrorCode, "server_error">,
    readonly description: string,
    readonly status: 400 | 401 | 413 | 429 = 400,
    /** Sent as Retry-After with a 429. */
    readonly retryAfterSeconds?: number,
  ) {
    super(description);
    this.name = "OAuthError";
  }
}

/** The current secret, or the one before the last rotation while its overlap window lasts. */
function acceptsSecret(
  client: { secretHash: string; previousSecretHash: string | null; previousSecretExpiresAt: Date | null },
  presented: string,
  now: Date,
): boolean {
  const current = constantTimeEqual(presented, client.secretHash);
  const previous =
    client.previousSecretHash !== null &&
    client.previousSecretExpiresAt !== null &&
    client.previousSecretExpiresAt > now &&
    constantTimeEqual(presented, client.previousSecretHash);
  return current || previous;
}

export interface IssuedToken {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
}

export async function issueClientCredentialsToken(
  db: Db,
  request: { clientId: string; clientSecret: string; scope: string | null },
  now = new Date(),
): Promise<IssuedToken> {
  const client = await findActiveClient(db, request.clientId, now);
  // Same answer for an unknown, disabled or expired client and a wrong secret, so client ids cannot be probed.
  if (!client || !acceptsSecret(client, sha256Hex(request.clientSecret), now)) {
    throw new OAuthError("invalid_client", "Client authentication failed.", 401);
  }
  const { scopes: asked, unknown } = parseScopeParam(request.scope);
  if (unknown.length > 0) throw new OAuthError("invalid_scope", `Unknown scope: ${unknown.join(", ")}.`);
  const notGranted = asked.filter((s) => !client.scopes.includes(s));
  if (notGranted.length > 0) {
    throw new OAuthError("invalid_scope", `Scope not granted to this client: ${notGranted.join(", ")}.`);
  }
  const scopes = asked.length > 0 ? asked : client.scopes;
  await touchClientLastUsed(db, client.id, now);
  const token = randomToken(32);
  await insertAccessToken(db, {
    tokenHash: sha256Hex(token),
    clientId: client.id,
    scopes,
    expiresAt: new Date(now.getTime() + TOKEN_TTL_SECONDS * 1000),
  });
  return {
    access_token: token,
    token_type: "Bearer",
    expires_in: TOKEN_TTL_SECONDS,
    scope: scopes.join(" "),
  };
}

export interface ApiPrincipal {
  clientId: string;
  clientDbId: string;
  name: string;
  scopes: string[];
  /** The event sources it may send events as; empty: any. */
  eventSources: string[];
}

/** Resolves `Authorization: Bearer …` to the calling client and checks the scope the route needs. */
export async function authenticateBearer(
  db: Db,
  authorization: string | null,
  requiredScope: ApiScope,
  now = new Date(),
): Promise<ApiPrincipal> {
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization ?? "");
  if (!match?.[1]) throw new AppError("UNAUTHORIZED", "A bearer token is required (POST /api/oauth/token).");
  const token = await findLiveToken(db, sha256Hex(match[1]), now);
  if (!token) throw new AppError("UNAUTHORIZED", "The bearer token is invalid or has expired.");
  if (!token.scopes.includes(requiredScope)) {
    throw new AppError("FORBIDDEN", `This token lacks the scope ${requiredScope}.`);
  }
  await touchClientLastUsed(db, token.client.id, now);
  return {
    clientId: token.client.clientId,
    clientDbId: token.client.id,
    name: token.client.name,
    scopes: token.scopes,
    eventSources: token.client.eventSources,
  };
}
