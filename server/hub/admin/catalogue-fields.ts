import { z } from "zod";
import { CATALOGUE, INBOUND_TYPES, type SourceKey } from "../catalogue.ts";

// The catalogue as people read it: per event type and data version, each payload field with its type and
// constraints, generated from the same zod schemas the edge validates with.

interface CatalogueField {
  name: string;
  /** "string", "integer ≥ 0", "one of: a, b", "date-time", … */
  type: string;
  required: boolean;
}

export interface CatalogueEntry {
  type: string;
  source: SourceKey;
  version: number;
  fields: CatalogueField[];
  example: Record<string, unknown>;
}

interface JsonProperty {
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

function describeType(property: JsonProperty): string {
  if (property.enum) return `one of: ${property.enum.join(", ")}`;
  if (property.format === "date-time") return "date-time (ISO 8601 with offset)";
  const parts = [property.type ?? "any"];
  if (property.pattern) parts.push(`matching ${property.pattern}`);
  if (property.minimum !== undefined) parts.push(`≥ ${property.minimum}`);
  if (property.maximum !== undefined && property.maximum < Number.MAX_SAFE_INTEGER)
    parts.push(`≤ ${property.maximum}`);
  if (property.maxLength !== undefined) parts.push(`≤ ${property.maxLength} chars`);
  return parts.join(" ");
}

/** A plausible value for a field, so each entry can show a whole example payload. */
function exampleValue(name: string, property: JsonProperty): unknown {
  if (property.enum) return property.enum[0];
  if (property.format === "date-time") return "2026-03-02T12:00:00+09:00";
  if (name === "cityCode") return "TYO";
  if (property.type === "integer" || property.type === "number") return property.minimum ?? 1;
  return `${name.replace(/Id$/, "")}-123`;
}

export function catalogueEntries(): CatalogueEntry[] {
  return INBOUND_TYPES.flatMap((type) => {
    const entry = CATALOGUE[type];
    const versions: Record<number, z.ZodType> = entry.versions;
    return Object.entries(versions).map(([version, schema]) => {
      const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
        properties?: Record<string, JsonProperty>;
        required?: string[];
      };
      const required = new Set(json.required ?? []);
      const properties = Object.entries(json.properties ?? {});
      return {
        type,
        source: entry.source,
        version: Number(version),
        fields: properties.map(([name, property]) => ({
          name,
          type: describeType(property),
          required: required.has(name),
        })),
        example: Object.fromEntries(
          properties
            .filter(([name]) => required.has(name))
            .map(([name, property]) => [name, exampleValue(name, property)]),
        ),
      };
    });
  });
}
