import { timelineOverRest } from "@/server/api/rest/incidents";
import { restRoute } from "@/server/api/rest/route";

export const dynamic = "force-dynamic";

/** GET /api/operations/incidents/{id}/timeline — the incident's whole timeline, oldest first, for its postmortem. */
export const GET = restRoute<{ id: string }>(
  { scope: "incidents:read", name: "incidents.timeline" },
  async ({ db, service, params }) => Response.json(await timelineOverRest(db, service, params.id)),
);
