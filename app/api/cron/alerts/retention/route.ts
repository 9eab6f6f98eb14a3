import { getDb } from "@/server/db/client";
import { pruneRawIndicators } from "@/server/indicators/retention";
import { cronRoute } from "@/server/jobs/cron-route";
import { systemContext } from "@/server/lib/service-context";

export const dynamic = "force-dynamic";

/** Deletes raw city indicators older than 3 years (rollups stay); daily is plenty, overlapping runs are harmless. */
export const POST = cronRoute("cities.retention", (correlationId) =>
  pruneRawIndicators(getDb(), systemContext("cities.retention", { correlationId })),
);
export const GET = POST;
