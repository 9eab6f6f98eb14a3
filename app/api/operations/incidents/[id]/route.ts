import { changeIncidentOverRest, restPatchBody } from "@/server/api/rest/incidents";
import { readJson } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";

export const dynamic = "force-dynamic";

/** PATCH /api/operations/incidents/{id} — moves the incident to `state` at the `version` the caller saw (409 when stale). */
export const PATCH = restRoute<{ id: string }>(
  { scope: "incidents:write", name: "incidents.update" },
  async ({ req, db, service, params }) =>
    Response.json(await changeIncidentOverRest(db, service, params.id, await readJson(req, restPatchBody))),
);
