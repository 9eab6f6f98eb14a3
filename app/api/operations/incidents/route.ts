import {
  declareIncidentOverRest,
  listIncidentsOverRest,
  restDeclareBody,
  restIncidentListQuery,
} from "@/server/api/rest/incidents";
import { readJson, readQuery } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";

export const dynamic = "force-dynamic";

/** GET /api/operations/incidents — open (or all) incidents, newest first. */
export const GET = restRoute(
  { scope: "incidents:read", name: "incidents.list" },
  async ({ req, db, service }) =>
    Response.json(await listIncidentsOverRest(db, service, readQuery(req, restIncidentListQuery))),
);

/** POST /api/operations/incidents — declares an incident by hand, from a ticket, a risk case or an alert. */
export const POST = restRoute(
  { scope: "incidents:write", name: "incidents.declare" },
  async ({ req, db, service }) =>
    Response.json(await declareIncidentOverRest(db, service, await readJson(req, restDeclareBody)), {
      status: 201,
    }),
);
