import { readJson } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";
import { finishAction } from "@/server/risk/action-service";
import { updateActionBody } from "@/server/risk/contract";
import { pathUuid } from "@/server/risk/path-ids";

export const dynamic = "force-dynamic";

/** PATCH /api/operations/risks/{id}/actions/{actionId} — completes or cancels an action. */
export const PATCH = restRoute<{ id: string; actionId: string }>(
  { scope: "risks:write", name: "risks.actions.update" },
  async ({ req, db, events, params }) => {
    const ids = { caseId: pathUuid(params.id, "id"), actionId: pathUuid(params.actionId, "actionId") };
    return Response.json(await finishAction(db, events, ids, await readJson(req, updateActionBody)));
  },
);
