import { readJson } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";
import { addAction } from "@/server/risk/action-service";
import { addActionBody } from "@/server/risk/contract";
import { pathUuid } from "@/server/risk/path-ids";

export const dynamic = "force-dynamic";

/** POST /api/operations/risks/{id}/actions — adds a mitigation action and starts it. */
export const POST = restRoute<{ id: string }>(
  { scope: "risks:write", name: "risks.actions.create" },
  async ({ req, db, events, params }) => {
    const caseId = pathUuid(params.id, "id");
    const action = await addAction(db, events, caseId, await readJson(req, addActionBody), { start: true });
    return Response.json(action, { status: 201 });
  },
);
