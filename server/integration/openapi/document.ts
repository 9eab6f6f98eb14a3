import { z } from "zod";
import { API_SCOPES } from "../scopes.ts";

/** One area's part of the contract: its paths, built from the same zod schemas the routes validate with. */
export interface OpenApiArea {
  tag: { name: string; description: string };
  paths: Record<string, unknown>;
}

/** JSON Schema for a zod schema, in the dialect OpenAPI 3.1 uses. */
export function jsonSchema(schema: z.ZodType, io: "input" | "output" = "output"): unknown {
  return z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
}

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Standard error responses every operation can answer, so each area lists only what is special. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 422)[]): Record<string, unknown> {
  const descriptions = {
    400: "Malformed input; the message names the field.",
    401: "Missing, invalid or expired bearer token.",
    403: "The token lacks the scope this operation needs.",
    404: "Unknown id.",
    409: "Conflict with the current state (e.g. a stale version).",
    422: "Well-formed but not allowed (e.g. an invalid transition).",
  } as const;
  const content = { "application/json": { schema: jsonSchema(errorSchema) } };
  return Object.fromEntries(
    statuses.map((status) => [String(status), { description: descriptions[status], content }]),
  );
}

export function buildOpenApiDocument(version: string, areas: readonly OpenApiArea[]) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Ops Console integration contract",
      version,
      description:
        "REST operations for other platform units. Authenticate with OAuth2 client credentials at /api/oauth/token " +
        "and send `Authorization: Bearer <token>`; each operation names the scope it needs.",
    },
    servers: [{ url: "/" }],
    tags: areas.map((area) => area.tag),
    components: {
      securitySchemes: {
        oauth2: {
          type: "oauth2",
          flows: {
            clientCredentials: {
              tokenUrl: "/api/oauth/token",
              scopes: Object.fromEntries(API_SCOPES.map((scope) => [scope, scope])),
            },
          },
        },
      },
    },
    paths: Object.assign({}, ...areas.map((area) => area.paths)) as Record<string, unknown>,
  };
}
