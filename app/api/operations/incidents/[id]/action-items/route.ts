import { addActionItemOverRest, restActionItemBody } from "@/server/api/rest/incidents";
import { readJson } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";

export const dynamic = "force-dynamic";

/** POST /api/operations/incidents/{id}/action-items — a resolved incident's postmortem action item (it becomes a ticket). */
export const POST = restRoute<{ id: string }>(
  { scope: "incidents:write", name: "incidents.action-items.create" },
  async ({ req, db, service, params }) =>
    Response.json(
      await addActionItemOverRest(db, service, params.id, await readJson(req, restActionItemBody)),
      {
        status: 201,
      },
    ),
);
