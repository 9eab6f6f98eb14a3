import { getDb } from "@/server/db/client";
import { cronRoute } from "@/server/jobs/cron-route";
import { env } from "@/server/lib/env";
import { systemContext } from "@/server/lib/service-context";
import { applyRetention } from "@/server/retention/service";

export const dynamic = "force-dynamic";

/**
 * Archives, then deletes, closed tickets and risk cases past the retention policy; daily. Overlapping runs wait
 * for each other chunk by chunk (an advisory lock), so a second caller only finds less to do.
 */
export const POST = cronRoute("retention.archive", (correlationId) =>
  applyRetention(getDb(), systemContext("retention.archive", { correlationId }), {
    archiveDir: env.ARCHIVE_DIR,
  }),
);
export const GET = POST;
