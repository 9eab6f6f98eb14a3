import { randomUUID } from "node:crypto";
import { logger as rootLogger, type Logger } from "../lib/logger.ts";
import { JOBS, type ScheduledJob } from "./registry.ts";

export interface Scheduler {
  stop(): void;
}

/**
 * Runs each job on its interval inside this process. A run still going when the next tick comes is not
 * overlapped (the tick is skipped); errors are logged and the schedule goes on. Across instances the jobs
 * themselves are overlap-safe, so every instance may run its own scheduler.
 */
export function startScheduler(jobs: readonly ScheduledJob[] = JOBS, log: Logger = rootLogger): Scheduler {
  const timers = jobs.map((job) => {
    let running = false;
    const tick = async () => {
      if (running) {
        log.warn({ job: job.name }, "previous run still going: tick skipped");
        return;
      }
      running = true;
      const correlationId = randomUUID();
      const startedAt = Date.now();
      try {
        const summary = await job.run(correlationId);
        log.info({ job: job.name, correlationId, summary, ms: Date.now() - startedAt }, "scheduled job ran");
      } catch (error) {
        log.error({ job: job.name, correlationId, err: error }, "scheduled job failed");
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), job.everyMs);
    timer.unref();
    return timer;
  });
  log.info({ jobs: jobs.map((job) => job.name) }, "in-process scheduler started");
  return { stop: () => timers.forEach((timer) => clearInterval(timer)) };
}

const globalForScheduler = globalThis as unknown as { opsScheduler?: Scheduler };

/** Starts the scheduler once per process, even when Next calls register() again after a reload. */
export function startSchedulerOnce(): Scheduler {
  globalForScheduler.opsScheduler ??= startScheduler();
  return globalForScheduler.opsScheduler;
}
