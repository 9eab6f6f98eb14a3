import { restRoute } from "@/server/api/rest/route";
import { toCityResponse } from "@/server/cities/contract";
import { cityStatuses } from "@/server/cities/queries";

export const dynamic = "force-dynamic";

export const GET = restRoute({ scope: "cities:read", name: "cities.list" }, async ({ db }) =>
  Response.json({ cities: (await cityStatuses(db)).map(toCityResponse) }),
);
