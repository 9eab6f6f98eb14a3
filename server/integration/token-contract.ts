import { z } from "zod";
import { API_SCOPES } from "./scopes.ts";

// The OAuth2 token endpoint's wire shapes (RFC 6749 §4.4 client credentials), for the OpenAPI document.

const OAUTH_ERROR_CODES = [
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unsupported_grant_type",
  "invalid_scope",
  // Not in RFC 6749 §5.2's list for the token endpoint; §4.1.2.1's code for "try later", sent with 429 and
  // Retry-After when a rate limit refuses the request.
  "temporarily_unavailable",
  "server_error",
] as const;
export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];

export const tokenRequestForm = z.object({
  grant_type: z.literal("client_credentials"),
  client_id: z.string().optional().describe("Required unless the client authenticates with HTTP Basic."),
  client_secret: z.string().optional().describe("Required unless the client authenticates with HTTP Basic."),
  scope: z
    .string()
    .optional()
    .describe(
      `Space-separated subset of the client's scopes (${API_SCOPES.join(", ")}); default: all of them.`,
    ),
});

export const issuedTokenSchema = z.object({
  access_token: z.string(),
  token_type: z.literal("Bearer"),
  expires_in: z.int().describe("Seconds."),
  scope: z.string().describe("The granted scopes, space-separated."),
});

/** RFC 6749 §5.2: the token endpoint's error body, kept because OAuth2 client libraries parse it. */
export const oauthErrorSchema = z.object({
  error: z.enum(OAUTH_ERROR_CODES),
  error_description: z.string(),
});
