import { readJson } from "@/server/api/rest/read";
import { restNewActionBody, startActionOverRest } from "@/server/api/rest/risk";
import { restRoute } from "@/server/api/rest/route";

export const dynamic = "force-dynamic";

/** POST /api/operations/risks/{id}/actions — adds a mitigation action and starts it. */
export const POST = restRoute<{ id: string }>(
  { scope: "risks:write", name: "risks.actions.create" },
  async ({ req, db, service, params }) =>
    Response.json(await startActionOverRest(db, service, params.id, await readJson(req, restNewActionBody)), {
      status: 201,
    }),
);
