import { readJson } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";
import { ingestBody } from "@/server/risk/contract";
import { ingestSignals } from "@/server/risk/ingest";

export const dynamic = "force-dynamic";

/** POST /api/operations/risks/signals — one signal or up to 500; idempotent by sourceEventId. */
export const POST = restRoute(
  { scope: "risks:write", name: "risks.signals.ingest" },
  async ({ req, db, events }) => {
    const { signals } = await readJson(req, ingestBody);
    return Response.json({ results: await ingestSignals(db, events, signals) });
  },
);
