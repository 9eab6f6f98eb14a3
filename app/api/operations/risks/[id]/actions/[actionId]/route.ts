import { readJson } from "@/server/api/rest/read";
import { finishActionOverRest, restFinishActionBody } from "@/server/api/rest/risk";
import { restRoute } from "@/server/api/rest/route";

export const dynamic = "force-dynamic";

/** PATCH /api/operations/risks/{id}/actions/{actionId} — completes or cancels an action. */
export const PATCH = restRoute<{ id: string; actionId: string }>(
  { scope: "risks:write", name: "risks.actions.update" },
  async ({ req, db, service, params }) =>
    Response.json(await finishActionOverRest(db, service, params, await readJson(req, restFinishActionBody))),
);
