import packageJson from "../../../package.json" with { type: "json" };
import { buildOpenApiDocument, type OpenApiArea } from "./document.ts";
import { risksArea } from "./risks.ts";
import { ticketsArea } from "./tickets.ts";

// Each area of the REST contract adds its OpenApiArea here.
const AREAS: readonly OpenApiArea[] = [ticketsArea, risksArea];

export function openApiDocument() {
  return buildOpenApiDocument(packageJson.version, AREAS);
}
