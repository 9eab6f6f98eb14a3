import { z } from "zod";
import { errorEnvelopeSchema } from "../../api/rest/envelope.ts";
import { API_SCOPES } from "../scopes.ts";
import { oauthErrorSchema } from "../token-contract.ts";
import { jsonSchema, type JsonSchema } from "./json-schema.ts";
import type { ErrorStatus, OpenApiArea, RestOperation } from "./operation.ts";

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: "Malformed input (body, query or path); `error.issues` names each field at fault.",
  401: "Missing, invalid or expired bearer token.",
  403: "The token lacks the scope this operation needs.",
  404: "Unknown id.",
  409: "Conflict with the current state (e.g. a stale version).",
  413: "The body is over the size limit.",
  415: "The content type is not one the operation takes.",
  422: "Well-formed but not allowed (e.g. an invalid transition).",
};

const COMPONENT_SCHEMAS = {
  ErrorEnvelope: jsonSchema(errorEnvelopeSchema, "output"),
  OAuthError: jsonSchema(oauthErrorSchema, "output"),
};

const ref = (name: keyof typeof COMPONENT_SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });

function parameters(operation: RestOperation, location: "path" | "query"): JsonSchema[] {
  const schema = location === "path" ? operation.params : operation.query;
  if (!schema) return [];
  const object = jsonSchema(schema, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, { description, ...property }]) => ({
    name,
    in: location,
    required: location === "path" || (object.required ?? []).includes(name),
    ...((operation.parameterNotes?.[name] ?? description)
      ? { description: operation.parameterNotes?.[name] ?? description }
      : {}),
    schema: property,
  }));
}

/** The statuses the REST layer answers by itself, then the operation's own. */
function errorResponses(operation: RestOperation): Record<string, JsonSchema> {
  const statuses: Partial<Record<ErrorStatus, string | true>> = {
    ...(operation.params || operation.query || operation.body || operation.bodies ? { 400: true } : {}),
    ...(operation.scope ? { 401: true, 403: true } : {}),
    ...operation.errors,
  };
  const schema = ref(operation.errorBody === "oauth" ? "OAuthError" : "ErrorEnvelope");
  return Object.fromEntries(
    Object.entries(statuses).map(([status, note]) => [
      status,
      {
        description: typeof note === "string" ? note : ERROR_DESCRIPTIONS[Number(status) as ErrorStatus],
        content: { "application/json": { schema } },
      },
    ]),
  );
}

function requestBodies(operation: RestOperation): Record<string, z.ZodType | JsonSchema> | null {
  if (operation.bodies) return operation.bodies;
  return operation.body ? { [operation.bodyMediaType ?? "application/json"]: operation.body } : null;
}

const bodySchema = (schema: z.ZodType | JsonSchema): JsonSchema =>
  schema instanceof z.ZodType ? jsonSchema(schema, "input") : schema;

function operationObject(operation: RestOperation, tag: string): JsonSchema {
  const declared = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
  const pathParameters = parameters(operation, "path");
  const documented = pathParameters.map((parameter) => parameter.name as string).sort();
  if (declared.join() !== documented.join()) {
    throw new Error(`${operation.operationId}: path ${operation.path} and its params schema disagree`);
  }
  const allParameters = [...pathParameters, ...parameters(operation, "query")];
  const bodies = requestBodies(operation);
  return {
    tags: [tag],
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    security: operation.scope ? [{ oauth2: [operation.scope] }] : [],
    ...(allParameters.length > 0 ? { parameters: allParameters } : {}),
    ...(bodies
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              Object.entries(bodies).map(([type, schema]) => [type, { schema: bodySchema(schema) }]),
            ),
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(
        Object.entries(operation.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            content: { "application/json": { schema: jsonSchema(response.schema, "output") } },
          },
        ]),
      ),
      ...errorResponses(operation),
    },
  };
}

function pathsOf(areas: readonly OpenApiArea[]): Record<string, Record<string, JsonSchema>> {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const area of areas) {
    for (const operation of area.operations) {
      const item = (paths[operation.path] ??= {});
      if (item[operation.method]) throw new Error(`${operation.method} ${operation.path} is described twice`);
      item[operation.method] = operationObject(operation, area.tag.name);
    }
  }
  return paths;
}

/** The shared schemas, then each area's own; a name given twice is a mistake. */
function componentSchemas(areas: readonly OpenApiArea[]): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = { ...COMPONENT_SCHEMAS };
  for (const area of areas) {
    for (const [name, schema] of Object.entries(area.schemas ?? {})) {
      if (schemas[name]) throw new Error(`components.schemas.${name} is defined twice`);
      schemas[name] = schema;
    }
  }
  return schemas;
}

export function buildOpenApiDocument(version: string, areas: readonly OpenApiArea[]) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Ops Console integration contract",
      version,
      description:
        "REST operations for other platform units. Authenticate with OAuth2 client credentials at /api/oauth/token " +
        "and send `Authorization: Bearer <token>`; each operation names the scope it needs. Every error answers " +
        "`{ error: { code, message, issues? } }` (ErrorEnvelope), except the token endpoint, which answers " +
        "RFC 6749's `{ error, error_description }` (OAuthError) because OAuth2 client libraries expect it.",
    },
    servers: [{ url: "/" }],
    tags: areas.map((area) => area.tag),
    components: {
      schemas: componentSchemas(areas),
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
    paths: pathsOf(areas),
  };
}
