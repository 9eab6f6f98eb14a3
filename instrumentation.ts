// Next.js calls register() once when a server instance starts. Scheduled jobs run in the Node.js runtime only,
// and only when IN_PROCESS_JOBS is on (turn it off when an external cron calls /api/cron/*).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./server/lib/env.ts");
  if (env.IN_PROCESS_JOBS !== "on") return;
  const { startSchedulerOnce } = await import("./server/jobs/scheduler.ts");
  startSchedulerOnce();
}
