import type pg from "pg";
import { say } from "./events-print.ts";

// BENCH_STATEMENTS=1: PostgreSQL's own account of a measured run, by statement (pg_stat_statements), for finding
// where the database's time goes. Statements that triggers and foreign keys run are listed too (the search row a
// new ticket's trigger writes, say), their time also inside the statement that ran them. The embedded server is started with the module loaded; a DATABASE_URL server
// must load it itself (shared_preload_libraries), or the run says so and goes on without.

export const STATEMENTS = process.env.BENCH_STATEMENTS === "1";

/** What the embedded server needs to keep the statistics, planning time included. */
export const STATEMENT_SETTINGS: Record<string, string> = STATEMENTS
  ? {
      shared_preload_libraries: "pg_stat_statements",
      "pg_stat_statements.track_planning": "on",
      "pg_stat_statements.track": "all",
    }
  : {};

/** Starts the count afresh; false (with a line saying why) when the server cannot keep it. */
export async function resetStatements(pool: pg.Pool): Promise<boolean> {
  if (!STATEMENTS) return false;
  try {
    await pool.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await pool.query("SELECT pg_stat_statements_reset()");
    return true;
  } catch (error) {
    say(`  (no statement statistics: ${(error as Error).message})`);
    return false;
  }
}

interface StatementRow {
  planMs: number;
  execMs: number;
  maxMs: number;
  calls: number;
  rows: number;
  query: string;
}

/** The statements that took the most time since the reset, planning and execution apart. */
export async function reportStatements(pool: pg.Pool, top = 30): Promise<void> {
  const { rows } = await pool.query<StatementRow>(
    `SELECT round(total_plan_time)::int AS "planMs", round(total_exec_time)::int AS "execMs",
            round(max_exec_time)::int AS "maxMs", calls::int,
            rows::int, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
       FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_plan_time + total_exec_time DESC
      LIMIT $1`,
    [top],
  );
  say(
    `  statements by time (ms planning + ms executing, waits included; the longest execution; calls × rows), ` +
      `top ${top}; those run by triggers and foreign keys also count in the statement that ran them:`,
  );
  for (const r of rows) {
    const figures = `${r.planMs} + ${r.execMs} ms`.padStart(16);
    const longest = `max ${r.maxMs} ms`.padStart(12);
    say(
      `  ${figures} ${longest} ${String(r.calls).padStart(6)} × ${String(r.rows).padStart(7)} rows  ${r.query}`,
    );
  }
}
