import type { z } from "zod";
import type { ApiScope } from "../scopes.ts";
import type { JsonSchema } from "./json-schema.ts";

// A REST operation described once, as data: the OpenAPI document is built from a list of these and the same
// zod schemas the routes parse and answer with.

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422;

export interface RestOperation {
  operationId: string;
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path template: `{name}` for each key of `params`. */
  path: string;
  /** The bearer token's scope; null for the unauthenticated routes (the token endpoint, this document). */
  scope: ApiScope | null;
  summary: string;
  description?: string;
  /** Path parameters as a zod object; a property's `.describe()` is the parameter's description. */
  params?: z.ZodType;
  /** Query parameters as a zod object (transforms allowed: its input side is documented). */
  query?: z.ZodType;
  /** Descriptions for parameters whose zod schema carries none (e.g. what a comma-separated list may hold). */
  parameterNotes?: Record<string, string>;
  body?: z.ZodType;
  /** JSON unless said otherwise. */
  bodyMediaType?: "application/json" | "application/x-www-form-urlencoded";
  /**
   * Request bodies by media type, for an operation that takes more than one (instead of `body`): a zod schema,
   * or a JSON Schema written out (a $ref to a shared component).
   */
  bodies?: Record<string, z.ZodType | JsonSchema>;
  responses: Partial<Record<200 | 201 | 202, { description: string; schema: z.ZodType }>>;
  /**
   * Error statuses beyond those the REST layer answers by itself (400 for bad input, 401 and 403 for the
   * token), each with what it means here. A string replaces the standard description.
   */
  errors?: Partial<Record<ErrorStatus, string | true>>;
  /** The token endpoint answers RFC 6749 errors instead of the envelope. */
  errorBody?: "envelope" | "oauth";
}

/** One area of the contract: a tag, its operations, and the schemas they share by $ref. */
export interface OpenApiArea {
  tag: { name: string; description: string };
  operations: readonly RestOperation[];
  /** Added to components.schemas under these names. */
  schemas?: Record<string, JsonSchema>;
}
