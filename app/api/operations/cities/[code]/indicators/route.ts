import { citySeriesOverRest } from "@/server/api/rest/cities";
import { restRoute } from "@/server/api/rest/route";

export const dynamic = "force-dynamic";

/** GET /api/operations/cities/{code}/indicators — one metric of one city over a range, in steps. */
export const GET = restRoute<{ code: string }>(
  { scope: "cities:read", name: "cities.indicators" },
  async ({ req, db, service, params }) => Response.json(await citySeriesOverRest(db, service, req, params)),
);
