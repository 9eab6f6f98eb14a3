import { pruneRawIndicators } from "@/server/cities/retention";
import { getDb } from "@/server/db/client";
import { cronRoute } from "@/server/jobs/cron-route";

export const dynamic = "force-dynamic";

/** Deletes raw city indicators older than 3 years (rollups stay); daily is plenty, overlapping runs are harmless. */
export const POST = cronRoute("cities.retention", (correlationId) =>
  pruneRawIndicators(getDb(), new Date(), correlationId),
);
export const GET = POST;
