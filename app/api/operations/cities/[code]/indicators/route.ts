import { readQuery } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";
import { cityCodeSchema, seriesQuerySchema } from "@/server/cities/contract";
import { metricSeries } from "@/server/cities/queries";

export const dynamic = "force-dynamic";

export const GET = restRoute<{ code: string }>(
  { scope: "cities:read", name: "cities.indicators" },
  async ({ req, db, params }) =>
    Response.json(
      await metricSeries(db, cityCodeSchema.parse(params.code), readQuery(req, seriesQuerySchema)),
    ),
);
