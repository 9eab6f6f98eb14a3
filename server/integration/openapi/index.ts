import packageJson from "../../../package.json" with { type: "json" };
import { accessArea } from "./access.ts";
import { citiesArea } from "./cities.ts";
import { buildOpenApiDocument } from "./document.ts";
import { feedArea } from "./feed.ts";
import { catalogueArea } from "./hub.ts";
import { inboundEventsArea } from "./inbound-events.ts";
import { incidentsArea } from "./incidents.ts";
import { oncallArea } from "./oncall.ts";
import type { OpenApiArea } from "./operation.ts";
import { reportsArea } from "./reports.ts";
import { risksArea } from "./risks.ts";
import { ticketsArea } from "./tickets.ts";
import { workflowsArea } from "./workflows.ts";

// Each area of the REST contract adds its operations here.
const AREAS: readonly OpenApiArea[] = [
  ticketsArea,
  risksArea,
  citiesArea,
  reportsArea,
  workflowsArea,
  incidentsArea,
  oncallArea,
  inboundEventsArea,
  catalogueArea,
  feedArea,
  accessArea,
];

export function openApiDocument() {
  return buildOpenApiDocument(packageJson.version, AREAS);
}
