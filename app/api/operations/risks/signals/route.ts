import { readJson } from "@/server/api/rest/read";
import { restSignalBody } from "@/server/api/rest/risk";
import { restRoute } from "@/server/api/rest/route";
import { ingestSignals } from "@/server/risk/ingest";

export const dynamic = "force-dynamic";

/** POST /api/operations/risks/signals — one signal or up to 500; idempotent by sourceEventId. */
export const POST = restRoute(
  { scope: "risks:write", name: "risks.signals.ingest" },
  async ({ req, db, service }) =>
    Response.json({ results: await ingestSignals(db, service, await readJson(req, restSignalBody)) }),
);
