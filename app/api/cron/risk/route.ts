import { getDb } from "@/server/db/client";
import { SYSTEM_ACTOR } from "@/server/events/types";
import { cronRoute } from "@/server/jobs/cron-route";
import { escalateOverdueRiskCases } from "@/server/risk/escalate";

export const dynamic = "force-dynamic";

/** Escalates unacknowledged critical risk cases past their deadline; safe to call often and concurrently. */
export const POST = cronRoute("risk-escalation", (correlationId) =>
  escalateOverdueRiskCases(getDb(), new Date(), { actor: SYSTEM_ACTOR, correlationId }),
);
export const GET = POST;
