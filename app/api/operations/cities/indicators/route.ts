import { readJson } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";
import { ingestIndicators, ingestRequestSchema } from "@/server/cities/ingest";

export const dynamic = "force-dynamic";

export const POST = restRoute(
  { scope: "cities:write", name: "cities.ingest" },
  async ({ req, db, events }) => {
    const { points } = await readJson(req, ingestRequestSchema);
    return Response.json(await ingestIndicators(db, events, points));
  },
);
