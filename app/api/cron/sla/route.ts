import { getDb } from "@/server/db/client";
import { cronRoute } from "@/server/jobs/cron-route";
import { systemContext } from "@/server/lib/service-context";
import { runSlaSweep } from "@/server/tickets/sla-sweep";

export const dynamic = "force-dynamic";

/** Marks and escalates due SLA breaches; idempotent, safe to call every minute from several schedulers. */
export const POST = cronRoute("sla-sweep", (correlationId) =>
  runSlaSweep(getDb(), systemContext("sla-sweep", { correlationId })),
);
export const GET = POST;
