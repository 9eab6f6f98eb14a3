import { readJson } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";
import { decideOverRest, restDecisionBody } from "@/server/api/rest/workflows";

export const dynamic = "force-dynamic";

/** POST /api/operations/workflows/{id}/decisions — an integration approves or completes a step it owns. */
export const POST = restRoute<{ id: string }>(
  { scope: "workflows:write", name: "workflows.decide" },
  async ({ req, db, service, params }) =>
    Response.json(await decideOverRest(db, service, params.id, await readJson(req, restDecisionBody))),
);
