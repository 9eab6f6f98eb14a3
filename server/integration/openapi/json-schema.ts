import { z } from "zod";

export type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema (draft 2020-12, OpenAPI 3.1's dialect) for a zod schema. `io: "input"` describes what a caller
 * sends (before transforms and defaults), `"output"` what the server answers. A Date is an ISO 8601 string on
 * the wire, as Response.json writes it.
 */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema: json }) => {
      if (zodSchema._zod.def.type === "date") Object.assign(json, { type: "string", format: "date-time" });
    },
  }) as JsonSchema;
  delete converted.$schema;
  return converted;
}
