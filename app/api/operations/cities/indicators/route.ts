import { ingestOverRest } from "@/server/api/rest/cities";
import { restRoute } from "@/server/api/rest/route";

export const dynamic = "force-dynamic";

/** POST /api/operations/cities/indicators — a batch of indicator points, all or nothing. */
export const POST = restRoute(
  { scope: "cities:write", name: "cities.ingest" },
  async ({ req, db, service }) => Response.json(await ingestOverRest(db, service, req)),
);
