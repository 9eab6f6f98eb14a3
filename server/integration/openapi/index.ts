import packageJson from "../../../package.json" with { type: "json" };
import { buildOpenApiDocument, type OpenApiArea } from "./document.ts";
import { risksArea } from "./risks.ts";
import { ticketsArea } from "./tickets.ts";
import { citiesArea } from "./cities.ts";

// Each area of the REST contract adds its OpenApiArea here.
const AREAS: readonly OpenApiArea[] = [ticketsArea, risksArea, citiesArea];

export function openApiDocument() {
  return buildOpenApiDocument(packageJson.version, AREAS);
}
