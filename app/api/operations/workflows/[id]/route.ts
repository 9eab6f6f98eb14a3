import { restRoute } from "@/server/api/rest/route";
import { workflowOverRest } from "@/server/api/rest/workflows";

export const dynamic = "force-dynamic";

/** GET /api/operations/workflows/{id} — the instance, what its open steps wait for, and its decisions by round. */
export const GET = restRoute<{ id: string }>(
  { scope: "workflows:read", name: "workflows.get" },
  async ({ db, service, params }) => Response.json(await workflowOverRest(db, service, params.id)),
);
