import os from "node:os";
import { performance } from "node:perf_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { createCaller } from "../server/api/root.ts";
import { createPrismaClient } from "../server/db/client.ts";
import { PrismaClient } from "../server/db/generated/client.ts";
import { applyMigrations } from "../server/db/migrate.ts";
import { logger } from "../server/lib/logger.ts";
import { userContext } from "../server/lib/service-context.ts";
import { startWorkflow } from "../server/workflows/service.ts";
import { createScratchDatabase } from "../tests/support/databases.ts";
import { benchServer, quantile, timedRuns } from "./measure.ts";
import {
  createPeople,
  DECIDE_TEMPLATE,
  insertOpenInstances,
  publishBenchTemplates,
  sessionUser,
} from "./workflows-data.ts";

// npm run bench:workflows [-- --instances=100000 --decisions=2000 --concurrency=16] — on a scratch database
// (DATABASE_URL's server, or an embedded PostgreSQL):
// 1. My tasks for a user with 200 open tasks among 100,000 open instances: the tRPC caller's p50/p95 beside the
//    floor, the very statements that call sends (captured from Prisma's query log) replayed on a plain pg pool.
// 2. Decision throughput: concurrent approvals, each on a different instance, through the tRPC caller; beside the
//    floor, the writes a decision cannot do without (row lock, instance, step, decision row, one event) in one
//    transaction each on a plain pg pool at the same concurrency. Prints figures; asserts nothing.

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const INSTANCES = arg("instances", 100_000);
const MY_TASKS = 200;
const AGENTS = 500;
const DECISIONS = arg("decisions", 2_000);
const CONCURRENCY = arg("concurrency", 16);
const RUNS = 200;
const WARMUP = 20;

const ms = (n: number) => `${n.toFixed(2)} ms`;
const line = (label: string, samples: number[]) =>
  `  ${label}: p50 ${ms(quantile(samples, 0.5))}, p95 ${ms(quantile(samples, 0.95))}`;
const timed = (run: () => Promise<unknown>) => timedRuns(run, RUNS, WARMUP);

/** `total` jobs on `lanes` concurrent lanes; answers jobs/s and each job's latency. */
async function throughput(total: number, lanes: number, job: (index: number) => Promise<unknown>) {
  let next = 0;
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let index = next++; index < total; index = next++) {
        const began = performance.now();
        await job(index);
        latencies.push(performance.now() - began);
      }
    }),
  );
  return { perSecond: total / ((performance.now() - start) / 1000), latencies };
}

async function main() {
  const { url, embedded } = await benchServer();
  const scratch = await createScratchDatabase(url, "ops_bench_workflows");
  const db = createPrismaClient(scratch.url);
  // The same client with its query log on: what one My tasks call sends, to replay as the floor.
  const logged = new PrismaClient({
    adapter: new PrismaPg({ connectionString: scratch.url, max: 2 }),
    log: [{ emit: "event", level: "query" }],
  });
  const raw = new pg.Client({ connectionString: scratch.url });
  const pool = new pg.Pool({ connectionString: scratch.url, max: 10 });
  try {
    await applyMigrations(scratch.url);
    await raw.connect();
    let start = performance.now();
    const [me] = await createPeople(db, 1, "support_agent", "me");
    const agents = await createPeople(db, AGENTS, "support_agent", "agent");
    const approvers = await createPeople(db, 10, "risk_manager", "approver");
    const version = await publishBenchTemplates(db);
    await insertOpenInstances(raw, {
      count: INSTANCES,
      mine: MY_TASKS,
      me: me!.id,
      agents: agents.map((a) => a.id),
      initiator: agents[0]!.id,
      version,
    });
    console.log(
      `${INSTANCES.toLocaleString("en-US")} open instances (${MY_TASKS} of them the user's tasks) in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );

    // 1. My tasks.
    const user = sessionUser(me!, ["support_agent"]);
    const caller = createCaller({ db, user, correlationId: "bench", log: logger });
    const first = await caller.workflows.myTasks({ limit: MY_TASKS });
    const statements: { text: string; values: unknown[] }[] = [];
    logged.$on("query", (e) => statements.push({ text: e.query, values: JSON.parse(e.params) as unknown[] }));
    await createCaller({ db: logged, user, correlationId: "bench", log: logger }).workflows.myTasks({
      limit: MY_TASKS,
    });
    const viaCaller = await timed(() => caller.workflows.myTasks({ limit: MY_TASKS }));
    const viaSql = await timed(async () => {
      for (const statement of statements) await pool.query(statement.text, statement.values);
    });
    console.log(`My tasks: ${first.items.length} items, ${statements.length} SQL statements per call`);
    console.log(line("tRPC caller (workflows.myTasks)", viaCaller));
    console.log(line("floor, the same SQL on a plain pg pool", viaSql));
    console.log(
      `  caller p95 / floor p95: ${(quantile(viaCaller, 0.95) / quantile(viaSql, 0.95)).toFixed(2)}× (target ≤ 1.5×)`,
    );

    // 2. Decisions: instances at their approval step, each approved once by one of the pool.
    start = performance.now();
    const initiator = sessionUser(agents[1]!, ["support_agent"]);
    const pending: string[] = [];
    for (let i = 0; i < DECISIONS; i++) {
      const started = await startWorkflow(db, userContext(initiator, "bench"), {
        templateKey: DECIDE_TEMPLATE.key,
        bound: { type: "ticket", id: `bench-${i}` },
      });
      pending.push(started.id);
    }
    console.log(
      `${DECISIONS} instances started for the decisions in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
    const callers = approvers.map((a) =>
      createCaller({ db, user: sessionUser(a, ["risk_manager"]), correlationId: "bench", log: logger }),
    );
    const decided = await throughput(DECISIONS, CONCURRENCY, (i) =>
      callers[i % callers.length]!.workflows.decide({
        instanceId: pending[i]!,
        decision: { type: "approve", stepKey: "approve" },
      }),
    );
    const approved = await db.workflowInstance.count({ where: { id: { in: pending }, state: "approved" } });

    const others = await raw.query<{ instanceId: string; id: string }>(
      `SELECT "instanceId", id FROM "WorkflowStep"
        WHERE position = 0 AND state = 'active' AND NOT ("ownerIds" @> ARRAY[$1::uuid]) LIMIT $2`,
      [me!.id, DECISIONS],
    );
    const floor = await throughput(others.rows.length, CONCURRENCY, (i) =>
      essentialDecisionWrites(pool, others.rows[i]!, approvers[i % approvers.length]!.id),
    );
    console.log(
      `Decisions: ${DECISIONS} approvals on different instances, ${CONCURRENCY} at once (${approved} approved)`,
    );
    console.log(
      `  tRPC caller (workflows.decide): ${Math.round(decided.perSecond)}/s, latency p50 ${ms(quantile(decided.latencies, 0.5))}, p95 ${ms(quantile(decided.latencies, 0.95))}`,
    );
    console.log(
      `  floor, the essential writes on a plain pg pool: ${Math.round(floor.perSecond)}/s, latency p50 ${ms(quantile(floor.latencies, 0.5))}, p95 ${ms(quantile(floor.latencies, 0.95))}`,
    );
    console.log(
      `  load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} on ${os.cpus().length} cores`,
    );
  } finally {
    await raw.end().catch(() => {});
    await pool.end().catch(() => {});
    await logged.$disconnect();
    await db.$disconnect();
    await scratch.drop();
    await embedded?.stop();
  }
}

/** The least a decision must write, in one transaction: what the floor of the decision throughput measures. */
async function essentialDecisionWrites(pool: pg.Pool, step: { instanceId: string; id: string }, by: string) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`SELECT id FROM "WorkflowInstance" WHERE id = $1 FOR UPDATE`, [step.instanceId]);
    await client.query(
      `UPDATE "WorkflowInstance" SET state = 'approved', "lockVersion" = "lockVersion" + 1, "completedAt" = now(),
              "updatedAt" = now() WHERE id = $1`,
      [step.instanceId],
    );
    await client.query(
      `UPDATE "WorkflowStep" SET state = 'done', "doneAt" = now(), "doneById" = $2 WHERE id = $1`,
      [step.id, by],
    );
    await client.query(
      `INSERT INTO "WorkflowDecision" (id, "instanceId", "stepId", round, action, "actorType", "actorId")
       VALUES (gen_random_uuid(), $1, $2, 1, 'approve', 'user', $3)`,
      [step.instanceId, step.id, by],
    );
    await client.query(
      `INSERT INTO "DomainEvent" (id, type, "aggregateType", "aggregateId", payload, "actorType", "actorId",
         "correlationId") VALUES (gen_random_uuid(), 'WorkflowApproved', 'workflow', $1, '{}', 'user', $2, 'bench')`,
      [step.instanceId, by],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
