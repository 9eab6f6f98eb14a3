import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { logger as rootLogger, type Logger } from "../lib/logger.ts";
import { inSpan } from "../lib/telemetry/spans.ts";
import type { ScheduledJob } from "./registry.ts";

// Every scheduled job runs once per period across all app instances. Each instance offers the job for the
// current period's slot (pg-boss `sendThrottled`: one job per name and slot, however many instances offer it)
// and every instance works the queue, so one of them runs it. The queue's `stately` policy keeps at most one
// run active and one waiting: a run longer than its period never overlaps the next, and never piles them up.

export interface Scheduler {
  stop(): Promise<void>;
}

const periodSeconds = (job: ScheduledJob) => Math.max(1, Math.round(job.everyMs / 1000));

// pg-boss refuses an expiry of a day or more.
const MAX_EXPIRE_SECONDS = 23 * 3_600;

/**
 * A job's queue: a failed run waits for the next period rather than retrying; a hung one is given up after four
 * periods (at least a minute, under pg-boss's one-day ceiling) so the next can start.
 */
export function queueFor(job: ScheduledJob): PgBoss.Queue {
  const seconds = periodSeconds(job);
  return {
    name: job.name,
    policy: "stately",
    retryLimit: 0,
    expireInSeconds: Math.min(MAX_EXPIRE_SECONDS, Math.max(60, seconds * 4)),
  };
}

/** A run is a trace of its own: the events it records carry it on to the consumers that react to them. */
export function runJob(job: ScheduledJob, log: Logger): Promise<object> {
  const correlationId = randomUUID();
  const attributes = { "ops.job.name": job.name, "ops.correlation_id": correlationId };
  return inSpan(`job ${job.name}`, { attributes }, () => runLogged(job, correlationId, log));
}

async function runLogged(job: ScheduledJob, correlationId: string, log: Logger): Promise<object> {
  const startedAt = Date.now();
  try {
    const summary = await job.run(correlationId);
    log.info({ job: job.name, correlationId, summary, ms: Date.now() - startedAt }, "scheduled job ran");
    return summary;
  } catch (error) {
    log.error({ job: job.name, correlationId, err: error }, "scheduled job failed");
    throw error;
  }
}

export async function startScheduler(
  boss: PgBoss,
  jobs: readonly ScheduledJob[],
  log: Logger = rootLogger,
): Promise<Scheduler> {
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    const seconds = periodSeconds(job);
    await boss.createQueue(job.name, queueFor(job));
    await boss.work(job.name, { pollingIntervalSeconds: Math.min(2, Math.max(0.5, seconds / 4)) }, () =>
      runJob(job, log),
    );
    const offer = () =>
      void boss.sendThrottled(job.name, {}, {}, seconds).catch((error: unknown) => {
        log.warn({ job: job.name, err: error }, "could not offer the scheduled job");
      });
    // Offered four times a period so no slot is missed to timer drift; the slot makes the extra offers no-ops.
    const timer = setInterval(offer, Math.max(250, (seconds * 1000) / 4));
    timer.unref();
    timers.push(timer);
    offer();
  }
  log.info({ jobs: jobs.map((job) => job.name) }, "scheduled jobs started");
  return {
    async stop() {
      timers.forEach((timer) => clearInterval(timer));
      await Promise.all(jobs.map((job) => boss.offWork(job.name)));
    },
  };
}
