import { getDb } from "@/server/db/client";
import { OAuthError, issueClientCredentialsToken } from "@/server/integration/oauth";
import { readTokenRequest } from "@/server/integration/token-request";
import { logger } from "@/server/lib/logger";
import { clientIp } from "@/server/security/client-ip";
import { admitTokenAddress, admitTokenClient } from "@/server/security/token-throttle";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

// The one REST route outside the `{ error: { code, message, issues? } }` envelope: OAuth2 client libraries parse
// RFC 6749 §5.2's `{ error: "invalid_client", error_description }`, so errors here keep that shape (the OpenAPI
// document describes it as OAuthError).

export async function POST(req: Request): Promise<Response> {
  try {
    await admitTokenAddress(clientIp(req.headers));
    const request = await readTokenRequest(req);
    await admitTokenClient(request.clientId);
    if (request.grantType !== "client_credentials") {
      throw new OAuthError("unsupported_grant_type", "Only grant_type=client_credentials is supported.");
    }
    const token = await issueClientCredentialsToken(getDb(), request);
    return Response.json(token, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof OAuthError) {
      const headers: Record<string, string> = { ...NO_STORE };
      if (error.status === 401) headers["WWW-Authenticate"] = 'Basic realm="ops-console"';
      if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
      return Response.json(
        { error: error.error, error_description: error.description },
        { status: error.status, headers },
      );
    }
    logger.error({ err: error }, "token endpoint failed");
    return Response.json(
      { error: "server_error", error_description: "Unexpected error." },
      { status: 500, headers: NO_STORE },
    );
  }
}
