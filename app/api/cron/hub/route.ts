import { getDb } from "@/server/db/client";
import { checkSourceSilence } from "@/server/hub/admin/silence";
import { cronRoute } from "@/server/jobs/cron-route";
import { systemContext } from "@/server/lib/service-context";

export const dynamic = "force-dynamic";

/** Marks event sources silent (or heard again); idempotent, safe to call every minute from several schedulers. */
export const POST = cronRoute("hub.source-silence", (correlationId) =>
  checkSourceSilence(getDb(), systemContext("hub.source-silence", { correlationId })),
);
export const GET = POST;
