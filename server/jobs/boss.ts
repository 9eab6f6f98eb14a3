import PgBoss from "pg-boss";
import type { Logger } from "../lib/logger.ts";

// pg-boss keeps its tables in its own schema, outside Prisma's schema and its drift test.
export const BOSS_SCHEMA = "pgboss";

/** A started pg-boss on its own small pool; its errors go to the log instead of crashing the process. */
export async function startBoss(connectionString: string, log: Logger): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    schema: BOSS_SCHEMA,
    max: 4,
    application_name: "ops-console-jobs",
    // Scheduled runs are sent by slot (see scheduler.ts), not by pg-boss's cron.
    schedule: false,
    // A slot's completed job must outlive the slot, or the slot could be offered again: longer than the longest
    // period (the daily retention job). pg-boss refuses a throttle longer than this.
    archiveCompletedAfterSeconds: 2 * 24 * 3_600,
  });
  boss.on("error", (error) => log.error({ err: error }, "job queue error"));
  await boss.start();
  return boss;
}
