import os from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createPrismaClient } from "../server/db/client.ts";
import { applyMigrations } from "../server/db/migrate.ts";
import { systemContext } from "../server/lib/service-context.ts";
import { reportItemsCsv } from "../server/reports/csv.ts";
import { ticketCsvPages, ticketCsvPageSql } from "../server/reports/csv-repository.ts";
import { ticketItemsQuery } from "../server/reports/items.ts";
import { runReport } from "../server/reports/service.ts";
import { slaAggregatesSql } from "../server/reports/ticket-report-repository.ts";
import { createScratchDatabase } from "../tests/support/databases.ts";
import { benchServer, quantile, timedRuns } from "./measure.ts";

// npm run bench:reports [-- --tickets=1000000 --explain] — on a scratch database (DATABASE_URL's server, or an
// embedded PostgreSQL): the SLA compliance report for 30 days by team (p50/p95, beside the same SQL on a plain pg
// client, the floor), and the CSV export of every ticket (rows/s and RSS, beside the same paged SELECT drained
// without CSV, the floor). Prints numbers; asserts nothing.

const TICKETS = Number(process.argv.find((a) => a.startsWith("--tickets="))?.split("=")[1] ?? 1_000_000);
const EXPLAIN = process.argv.includes("--explain");
const ZERO_UUID = "00000000-0000-0000-0000-000000000000";
const RUNS = 100;
const WARMUP = 10;
const DAY_MS = 86_400_000;

/** A year of facts over six teams, a fifth of them breached, a tenth still running. */
async function insertFacts(raw: pg.Client, count: number) {
  await raw.query(
    `INSERT INTO "ReportTicketFact" ("ticketId", number, "teamId", "assigneeId", "cityId", priority, category, status,
       "createdAt", "resolvedAt", "firstResponseAt", "firstResponseMinutes", "resolutionMinutes",
       "firstResponseTargetMinutes", "resolutionTargetMinutes", "firstResponseBreached", "resolutionBreached",
       "lastEventSeq", "updatedAt")
     SELECT gen_random_uuid(), n, ('00000000-0000-7000-8000-00000000000' || (n % 6))::uuid, NULL, NULL,
            'P' || (1 + n % 4), 'delivery_delay', CASE WHEN n % 10 = 0 THEN 'open' ELSE 'resolved' END,
            now() AT TIME ZONE 'UTC' - (n % 365) * interval '1 day' - (n % 86400) * interval '1 second',
            NULL, NULL, CASE WHEN n % 10 = 0 THEN NULL ELSE (n % 97)::float8 END,
            CASE WHEN n % 10 = 0 THEN NULL ELSE (n % 1500)::float8 END, 30, 480, n % 5 = 0, n % 7 = 0, n, now()
       FROM generate_series(1, $1::int) AS n`,
    [count],
  );
  await raw.query(`ANALYZE "ReportTicketFact"`);
}

async function explain(pool: pg.Pool, statement: { text: string; values: unknown[] }) {
  const { rows } = await pool.query<{ "QUERY PLAN": string }>(
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${statement.text}`,
    statement.values,
  );
  console.log(rows.map((row) => `    ${row["QUERY PLAN"]}`).join("\n"));
}

async function main() {
  const { url, embedded } = await benchServer();
  const scratch = await createScratchDatabase(url, "ops_bench");
  const db = createPrismaClient(scratch.url);
  const raw = new pg.Client({ connectionString: scratch.url });
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
  try {
    await applyMigrations(scratch.url);
    await raw.connect();
    let start = performance.now();
    await insertFacts(raw, TICKETS);
    console.log(`${TICKETS} ticket facts inserted in ${((performance.now() - start) / 1000).toFixed(1)} s`);

    const context = systemContext("bench", { correlationId: "bench" });
    const to = new Date();
    const from = new Date(to.getTime() - 30 * DAY_MS);
    const report = await timedRuns(
      () => runReport(db, context, { name: "ticket-sla", from, to, groupBy: "team" }),
      RUNS,
      WARMUP,
    );
    const statement = slaAggregatesSql({ from, to, groupBy: "team", scope: { teamIds: null } });
    const floor = await timedRuns(
      () => raw.query(statement.text, statement.values as unknown[]),
      RUNS,
      WARMUP,
    );
    console.log(
      `SLA compliance, 30 days by team: p50 ${quantile(report, 0.5).toFixed(1)} ms, p95 ${quantile(report, 0.95).toFixed(1)} ms`,
    );
    console.log(
      `  floor (same SQL, plain pg): p50 ${quantile(floor, 0.5).toFixed(1)} ms, p95 ${quantile(floor, 0.95).toFixed(1)} ms`,
    );

    // The export: the floor is the same paged SELECT drained on the same plain pool, without CSV; then the
    // export itself, bytes counted as a client would take them.
    const exportQuery = {
      name: "ticket-sla" as const,
      from: new Date(to.getTime() - 400 * DAY_MS),
      to: new Date(to.getTime() + DAY_MS),
      groupBy: "team",
      filter: "all" as const,
      limit: 100,
    };
    const pageQuery = { ...ticketItemsQuery(context, exportQuery), limit: 10_000 };
    if (EXPLAIN) {
      await explain(pool, ticketCsvPageSql(pageQuery, null));
      await explain(pool, ticketCsvPageSql(pageQuery, { createdAt: from, ticketId: ZERO_UUID }));
    }
    let floorRows = 0;
    start = performance.now();
    // Drained as the export reads them: the next page's query runs while this one is counted.
    const floorPages = ticketCsvPages(pool, pageQuery);
    for (let next = floorPages.next(); ;) {
      const page = await next;
      if (page.done) break;
      next = floorPages.next();
      floorRows += page.value.length;
    }
    const floorSeconds = (performance.now() - start) / 1000;
    console.log(
      `  floor (same paged SELECT drained on a plain pg pool, no CSV): ${floorRows} rows in ${floorSeconds.toFixed(1)} s = ${Math.round(floorRows / floorSeconds)} rows/s`,
    );

    let rows = -1; // the header
    const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    // RSS each quarter of the way: flat memory means the later quarters hold no more than the first.
    const quarters: string[] = [];
    start = performance.now();
    const stream = reportItemsCsv(db, context, exportQuery, pool);
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows += 1;
      const rss = process.memoryUsage().rss;
      peakRss = Math.max(peakRss, rss);
      if (rows >= ((quarters.length + 1) * TICKETS) / 4) quarters.push(`${rows} rows ${mib(rss)} MiB`);
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `CSV export: ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s, RSS ${mib(rssBefore)} MiB before, peak ${mib(peakRss)} MiB`,
    );
    console.log(`  RSS along the way: ${quarters.join(", ")}`);
    console.log(
      `  load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} on ${os.cpus().length} cores`,
    );
  } finally {
    await raw.end().catch(() => {});
    await pool.end().catch(() => {});
    await db.$disconnect();
    await scratch.drop();
    await embedded?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
