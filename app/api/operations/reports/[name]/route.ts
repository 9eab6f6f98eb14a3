import { reportOverRest } from "@/server/api/rest/reports";
import { restRoute } from "@/server/api/rest/route";

export const dynamic = "force-dynamic";

/** GET /api/operations/reports/{name}?from=&to=&groupBy= — one report's figures per group and in total. */
export const GET = restRoute<{ name: string }>(
  { scope: "reports:read", name: "reports.get" },
  async ({ req, db, service, params }) => Response.json(await reportOverRest(db, service, req, params)),
);
