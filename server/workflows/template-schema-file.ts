import { fileURLToPath } from "node:url";
import { templateJsonSchema } from "./template.ts";

// The published JSON schema of template files: generated from the zod schema, committed beside the templates.

export const TEMPLATE_SCHEMA_FILE = fileURLToPath(new URL("./template.schema.json", import.meta.url));

/** The file's exact text, so a stale committed copy shows as a difference. */
export function templateSchemaText(): string {
  return `${JSON.stringify(templateJsonSchema(), null, 2)}\n`;
}
