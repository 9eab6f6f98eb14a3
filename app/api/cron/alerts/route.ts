import { evaluateAllAlerts } from "@/server/alerts/service";
import { getDb } from "@/server/db/client";
import { cronRoute } from "@/server/jobs/cron-route";
import { systemContext } from "@/server/lib/service-context";

export const dynamic = "force-dynamic";

/** Time-based alert transitions and silent feeds; idempotent and safe to overlap (per-city locks). */
export const POST = cronRoute("alerts.evaluate", (correlationId) =>
  evaluateAllAlerts(getDb(), systemContext("alerts.evaluate", { correlationId })),
);
export const GET = POST;
