import { getDb } from "@/server/db/client";
import { cronRoute } from "@/server/jobs/cron-route";
import { systemContext } from "@/server/lib/service-context";
import { snapshotYesterday } from "@/server/reports/snapshot";

export const dynamic = "force-dynamic";

/** Stores yesterday's report snapshots (once per day and report); safe to call as often as a scheduler likes. */
export const POST = cronRoute("reports.daily-snapshot", (correlationId) =>
  snapshotYesterday(getDb(), systemContext("reports.daily-snapshot", { correlationId })),
);
export const GET = POST;
