import { readQuery } from "@/server/api/rest/read";
import { restRiskListQuery } from "@/server/api/rest/risk";
import { restRoute } from "@/server/api/rest/route";
import { listCases } from "@/server/risk/queries";

export const dynamic = "force-dynamic";

/** GET /api/operations/risks — risk cases, highest level then score first; keyset-paginated (`cursor`). */
export const GET = restRoute({ scope: "risks:read", name: "risks.list" }, async ({ req, db }) =>
  Response.json(await listCases(db, readQuery(req, restRiskListQuery))),
);
