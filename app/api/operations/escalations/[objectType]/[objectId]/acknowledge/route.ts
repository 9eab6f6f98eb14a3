import { acknowledgeOverRest } from "@/server/api/rest/oncall";
import { restRoute } from "@/server/api/rest/route";

export const dynamic = "force-dynamic";

/** POST /api/operations/escalations/{objectType}/{objectId}/acknowledge — stops every pending step at once. */
export const POST = restRoute<{ objectType: string; objectId: string }>(
  { scope: "oncall:write", name: "escalations.acknowledge" },
  async ({ db, service, params }) => Response.json(await acknowledgeOverRest(db, service, params)),
);
