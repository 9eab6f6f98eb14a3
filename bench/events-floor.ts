import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { COPY_SQL, copyText } from "../server/hub/inbox-copy.ts";
import { INSERT_SQL, insertParameters } from "../server/hub/inbox-repository.ts";
import { benchEvent, inboxRows } from "./events-data.ts";

// The bare-write floors of bench:events: the inbox's rows written into a copy of its table (same columns and
// indexes) with nothing around the statement — no HTTP, no parsing, no receipts, no NOTIFY. Two forms, the
// edge's two statements: the COPY of new events, and the INSERT that takes a group holding a re-send (an array
// parameter per column, the payloads as one JSON array; the floor the issue names).

/** The edge's own statements, into the copy. */
const FLOOR_COPY = COPY_SQL.replace(`COPY "InboundEvent"`, "COPY bench_floor");
const FLOOR_INSERT = INSERT_SQL.replace(`INSERT INTO "InboundEvent"`, "INSERT INTO bench_floor");

type Rows = ReturnType<typeof inboxRows>;

const FORMS = {
  copy: async (pool: pg.Pool, rows: Rows) => {
    const client = await pool.connect();
    try {
      await pipeline(Readable.from([copyText(rows)]), client.query(copyFrom(FLOOR_COPY)));
    } finally {
      client.release();
    }
  },
  insert: (pool: pg.Pool, rows: Rows) => pool.query(FLOOR_INSERT, insertParameters(rows)),
};

export async function createFloorTable(pool: pg.Pool): Promise<void> {
  await pool.query(`CREATE TABLE bench_floor (LIKE "InboundEvent" INCLUDING ALL)`);
}

/** Bare writes of `rows` rows each, `inFlight` at a time, on a pool like the edge's: rows written, and per second. */
export async function insertFloor(
  pool: pg.Pool,
  options: { rows: number; inFlight: number; seconds: number; form: keyof typeof FORMS },
): Promise<{ rows: number; perSecond: number }> {
  let inserted = 0;
  const until = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.inFlight }, async () => {
      while (performance.now() < until) {
        await FORMS[options.form](pool, inboxRows(Array.from({ length: options.rows }, benchEvent)));
        inserted += options.rows;
      }
    }),
  );
  return { rows: inserted, perSecond: inserted / ((performance.now() - started) / 1000) };
}
