import { getDb } from "@/server/db/client";
import { cronRoute } from "@/server/jobs/cron-route";
import { runSlaSweep } from "@/server/tickets/sla-sweep";

export const dynamic = "force-dynamic";

/** Marks and escalates due SLA breaches; idempotent, safe to call every minute from several schedulers. */
export const POST = cronRoute("sla-sweep", (correlationId) => runSlaSweep(getDb(), new Date(), correlationId));
export const GET = POST;
