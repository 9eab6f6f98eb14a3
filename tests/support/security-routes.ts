import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { openApiDocument } from "../../server/integration/openapi/index.ts";

// The REST surface as the security tests walk it: every route module on disk with the methods it exports, joined
// to its OpenAPI operation (scope, parameters, body schema). The discovery is the OpenAPI document test's, so a
// route the document misses fails there and a route the matrix misses cannot exist.

const APP_API = path.resolve(import.meta.dirname, "../../app/api");

type HttpMethod = "get" | "put" | "post" | "patch" | "delete";
type Handler = (req: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A JSON Schema node of the document, loosely typed: the fuzz reads types, enums and properties off it. */
export type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  required?: string[];
};

interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: Schema;
}

interface Operation {
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

interface RouteModule {
  /** OpenAPI path, `{name}` for each dynamic segment. */
  route: string;
  /** The route.ts file. */
  file: string;
  methods: HttpMethod[];
}

export interface RestEndpoint {
  route: string;
  method: HttpMethod;
  handler: Handler;
  /** The bearer scope the document declares; null for the public operations. */
  scope: string | null;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** Request bodies by media type. */
  bodies: Record<string, Schema>;
}

/** Every route module under `dir` (app/api/operations by default), as an OpenAPI path and its exported methods. */
export function routeModules(dir = path.join(APP_API, "operations")): RouteModule[] {
  const found: RouteModule[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const methods = [
          ...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g),
        ];
        const relative = path.relative(path.dirname(APP_API), folder).split(path.sep).join("/");
        found.push({
          route: `/${relative}`.replace(/\[(\w+)\]/g, "{$1}"),
          file: full,
          methods: methods.map((match) => match[1]!.toLowerCase() as HttpMethod),
        });
      }
    }
  };
  walk(dir);
  return found;
}

const document = openApiDocument() as unknown as {
  paths: Record<string, Partial<Record<HttpMethod, Operation>>>;
  components: { schemas: Record<string, Schema> };
};

/** Follows a `#/components/schemas/…` reference; anything else is returned as it is. */
export function resolveSchema(schema: Schema): Schema {
  const name = schema.$ref?.replace("#/components/schemas/", "");
  return name ? resolveSchema(document.components.schemas[name] ?? {}) : schema;
}

/**
 * The REST routes the security tests try: every route module under app/api/operations, and when asked
 * /api/metrics (the one bearer route outside it) and the token endpoint. Each method is loaded from its module.
 */
export async function restEndpoints(
  options: { metrics?: boolean; tokenEndpoint?: boolean } = {},
): Promise<RestEndpoint[]> {
  const modules = [
    ...routeModules(),
    ...(options.metrics ? routeModules(path.join(APP_API, "metrics")) : []),
    ...(options.tokenEndpoint ? routeModules(path.join(APP_API, "oauth/token")) : []),
  ];
  const endpoints: RestEndpoint[] = [];
  for (const { route, file, methods } of modules) {
    const exported = (await import(file)) as Record<string, Handler>;
    for (const method of methods) {
      const operation = document.paths[route]?.[method];
      const handler = exported[method.toUpperCase()];
      if (!handler) throw new Error(`${file} exports no ${method.toUpperCase()}`);
      const parameters = operation?.parameters ?? [];
      endpoints.push({
        route,
        method,
        handler,
        // /api/metrics is not part of the contract's document: it is scraped with `metrics:read`.
        scope: operation ? (operation.security?.[0]?.oauth2?.[0] ?? null) : "metrics:read",
        pathParams: parameters.filter((p) => p.in === "path"),
        queryParams: parameters.filter((p) => p.in === "query"),
        bodies: Object.fromEntries(
          Object.entries(operation?.requestBody?.content ?? {}).map(([type, { schema }]) => [type, schema]),
        ),
      });
    }
  }
  return endpoints;
}

export interface RestCall {
  /** Path parameters by name, as Next hands them to the handler. */
  params?: Record<string, string>;
  /** Raw query string without the `?`, sent as it is (so malformed escapes reach the route). */
  query?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

/** Calls a route handler in-process as Next would, with the path built from the template and `params`. */
export async function callRoute(endpoint: RestEndpoint, call: RestCall = {}): Promise<Response> {
  const params = call.params ?? {};
  const pathname = endpoint.route.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? "x");
  let url = new URL(`http://localhost${pathname}`).href;
  if (call.query !== undefined) url += `?${call.query}`;
  const request = new Request(url, {
    method: endpoint.method.toUpperCase(),
    headers: call.headers,
    body: endpoint.method === "get" ? undefined : call.body,
  });
  return endpoint.handler(request, { params: Promise.resolve(params) });
}

/** An id-shaped value for each path parameter: the routes look it up and answer 404. */
export function plausibleParams(endpoint: RestEndpoint): Record<string, string> {
  return Object.fromEntries(
    endpoint.pathParams.map((p) => [
      p.name,
      p.name === "code" ? "TYO" : "0190f5b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d",
    ]),
  );
}
