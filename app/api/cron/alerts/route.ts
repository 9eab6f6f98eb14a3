import { evaluateAllAlerts } from "@/server/alerts/service";
import { getDb } from "@/server/db/client";
import { cronRoute } from "@/server/jobs/cron-route";

export const dynamic = "force-dynamic";

/** Time-based alert transitions and silent feeds; idempotent and safe to overlap (per-city locks). */
export const POST = cronRoute("alerts.evaluate", (correlationId) =>
  evaluateAllAlerts(getDb(), new Date(), correlationId),
);
export const GET = POST;
