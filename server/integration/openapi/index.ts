import packageJson from "../../../package.json" with { type: "json" };
import { buildOpenApiDocument, type OpenApiArea } from "./document.ts";

// Each area of the REST contract adds its OpenApiArea here.
const AREAS: readonly OpenApiArea[] = [];

export function openApiDocument() {
  return buildOpenApiDocument(packageJson.version, AREAS);
}
