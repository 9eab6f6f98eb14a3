import { AppError } from "@/server/lib/errors";
import { cronRoute } from "@/server/jobs/cron-route";
import { JOBS } from "@/server/jobs/registry";

export const dynamic = "force-dynamic";

/**
 * Any scheduled job by its registry name (`POST /api/cron/workflows.sla-sweep`), for an external scheduler; the
 * named routes beside this one (/api/cron/sla, …) are the older paths of the first jobs. Jobs are idempotent and
 * safe to overlap, so a caller may run one as often as it likes.
 */
export async function POST(
  req: Request,
  { params }: { params: Promise<{ job: string }> },
): Promise<Response> {
  const { job: name } = await params;
  const job = JOBS.find((candidate) => candidate.name === name);
  return cronRoute(name, async (correlationId) => {
    if (!job) throw new AppError("NOT_FOUND", `job: no scheduled job is named "${name}".`);
    return job.run(correlationId);
  })(req);
}

export const GET = POST;
