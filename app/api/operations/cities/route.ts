import { listCitiesOverRest } from "@/server/api/rest/cities";
import { restRoute } from "@/server/api/rest/route";

export const dynamic = "force-dynamic";

/** GET /api/operations/cities — every city's latest indicators, balance and open alerts, worst first. */
export const GET = restRoute({ scope: "cities:read", name: "cities.list" }, async ({ db, service }) =>
  Response.json(await listCitiesOverRest(db, service)),
);
