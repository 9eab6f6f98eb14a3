import { isAppError } from "../lib/errors.ts";
import { readBodyText } from "../security/body-limit.ts";
import { OAuthError } from "./oauth.ts";

export interface TokenRequest {
  grantType: string;
  clientId: string;
  clientSecret: string;
  scope: string | null;
}

function basicCredentials(authorization: string | null): { id: string; secret: string } | null {
  const match = /^Basic\s+(.+)$/i.exec(authorization ?? "");
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new OAuthError("invalid_request", "Malformed Basic credentials.");
  return {
    id: decodeCredential(decoded.slice(0, colon)),
    secret: decodeCredential(decoded.slice(colon + 1)),
  };
}

// RFC 6749 §2.3.1 form-encodes the id and secret before Basic encoding; a bad escape is the caller's error.
function decodeCredential(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new OAuthError("invalid_request", "Malformed Basic credentials: invalid percent-encoding.");
  }
}

/** The body as text, at most 1 MiB (a token request is a few hundred bytes). */
async function readBody(req: Request): Promise<string> {
  try {
    return await readBodyText(req);
  } catch (error) {
    if (isAppError(error) && error.code === "PAYLOAD_TOO_LARGE") {
      throw new OAuthError("invalid_request", error.userMessage, 413);
    }
    throw error;
  }
}

async function readParams(req: Request): Promise<URLSearchParams> {
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) return new URLSearchParams(await readBody(req));
  if (type.includes("application/json")) {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      if (error instanceof OAuthError) throw error;
      throw new OAuthError("invalid_request", "The body is not valid JSON.");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new OAuthError("invalid_request", "The body must be a JSON object.");
    }
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(body)) if (typeof value === "string") params.set(key, value);
    return params;
  }
  throw new OAuthError("invalid_request", "Send application/x-www-form-urlencoded (or JSON) parameters.");
}

// RFC 6749 Appendix A.1–A.2: an id and a secret are printable ASCII. Anything else names no client, and a NUL
// would fail the database queries (the per-client limit, the lookup) as a 500.
const VSCHARS = /^[\x20-\x7E]+$/;

/** Reads an RFC 6749 client-credentials request: client auth by HTTP Basic or by body parameters. */
export async function readTokenRequest(req: Request): Promise<TokenRequest> {
  const params = await readParams(req);
  const basic = basicCredentials(req.headers.get("authorization"));
  const clientId = basic?.id ?? params.get("client_id");
  const clientSecret = basic?.secret ?? params.get("client_secret");
  const grantType = params.get("grant_type");
  if (!grantType) throw new OAuthError("invalid_request", "grant_type is required.");
  if (!clientId) throw new OAuthError("invalid_request", "client_id is required.");
  if (!clientSecret) throw new OAuthError("invalid_request", "client_secret is required.");
  if (!VSCHARS.test(clientId) || !VSCHARS.test(clientSecret)) {
    throw new OAuthError("invalid_request", "client_id and client_secret must be printable ASCII.");
  }
  return { grantType, clientId, clientSecret, scope: params.get("scope") };
}
