import { getDb } from "@/server/db/client";
import { cronRoute } from "@/server/jobs/cron-route";
import { systemContext } from "@/server/lib/service-context";
import { escalateOverdueRiskCases } from "@/server/risk/escalate";

export const dynamic = "force-dynamic";

/** Escalates unacknowledged critical risk cases past their deadline; safe to call often and concurrently. */
export const POST = cronRoute("risk-escalation", (correlationId) =>
  escalateOverdueRiskCases(getDb(), systemContext("risk-escalation", { correlationId })),
);
export const GET = POST;
