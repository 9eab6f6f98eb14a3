import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { BOSS_SCHEMA, startBoss } from "../../server/jobs/boss.ts";
import { JOBS, type ScheduledJob } from "../../server/jobs/registry.ts";
import { queueFor, startScheduler } from "../../server/jobs/scheduler.ts";
import { logger } from "../../server/lib/logger.ts";

// Two app instances on one database: each scheduled job runs once per period, not once per instance.

const url = () => String(process.env.DATABASE_URL);

describe("scheduled jobs across instances", () => {
  it("runs a job once per period when two instances schedule it", async () => {
    const name = `test.tick-${randomBytes(3).toString("hex")}`;
    const runs: string[] = [];
    const job = (instance: string): ScheduledJob => ({
      name,
      everyMs: 1_000,
      run: async () => {
        runs.push(instance);
        return {};
      },
    });
    const bosses = [await startBoss(url(), logger), await startBoss(url(), logger)];
    const schedulers = [
      await startScheduler(bosses[0]!, [job("a")], logger),
      await startScheduler(bosses[1]!, [job("b")], logger),
    ];
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));

    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    const jobRows = () =>
      client
        .query<{ slot: Date; state: string }>(
          `SELECT singleton_on AS slot, state FROM ${BOSS_SCHEMA}.job WHERE name = $1 ORDER BY singleton_on`,
          [name],
        )
        .then((result) => result.rows);
    // pg-boss marks a run completed without awaiting it: the bosses stay open until the last run's mark lands.
    await expect
      .poll(async () => (await jobRows()).filter((row) => row.state === "completed").length - runs.length, {
        timeout: 5_000,
      })
      .toBe(0);
    await Promise.all(bosses.map((boss) => boss.stop({ graceful: true, wait: true })));
    const rows = await jobRows();
    await client.end();

    // About six one-second periods passed: one run each, whichever instance took it. Two instances each
    // running their own timer would have made about twelve.
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThanOrEqual(7);
    const slots = rows.map((row) => row.slot.getTime());
    expect(new Set(slots).size).toBe(slots.length);
    expect(rows.filter((row) => row.state === "completed")).toHaveLength(runs.length);
  });

  it("has pg-boss accept the queue of every registered job", async () => {
    const boss = await startBoss(url(), logger);
    try {
      const suffix = randomBytes(3).toString("hex");
      for (const job of JOBS) {
        const queue = { ...queueFor(job), name: `${job.name}-${suffix}` };
        await expect(boss.createQueue(queue.name, queue)).resolves.toBeUndefined();
      }
    } finally {
      await boss.stop({ graceful: true, wait: true });
    }
  });
});
