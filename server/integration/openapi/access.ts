import { z } from "zod";
import { issuedTokenSchema, tokenRequestForm } from "../token-contract.ts";
import type { OpenApiArea } from "./operation.ts";

export const accessArea: OpenApiArea = {
  tag: { name: "Access", description: "OAuth2 client credentials, and this document." },
  operations: [
    {
      operationId: "issueToken",
      method: "post",
      path: "/api/oauth/token",
      scope: null,
      summary: "Get a bearer token (OAuth2 client credentials)",
      description:
        "Authenticate with HTTP Basic (`client_id:client_secret`) or with `client_id` and `client_secret` in the " +
        "form (a JSON object with the same fields is accepted too). Errors answer RFC 6749's " +
        "`{ error, error_description }` (OAuthError), not the ErrorEnvelope of the other operations, because OAuth2 " +
        "client libraries parse that shape.",
      body: tokenRequestForm,
      bodyMediaType: "application/x-www-form-urlencoded",
      responses: { 200: { description: "A bearer token.", schema: issuedTokenSchema } },
      errors: {
        400: "`invalid_request`, `unsupported_grant_type` or `invalid_scope`, described in `error_description`.",
        401: "`invalid_client`: unknown client or wrong secret.",
      },
      errorBody: "oauth",
    },
    {
      operationId: "getOpenApiDocument",
      method: "get",
      path: "/api/operations/openapi.json",
      scope: null,
      summary: "This OpenAPI 3.1 document",
      responses: {
        200: {
          description: "The document.",
          schema: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
        },
      },
    },
  ],
};
