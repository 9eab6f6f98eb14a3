import { performance } from "node:perf_hooks";
import type pg from "pg";
import { INSERT_SQL, insertParameters } from "../server/hub/inbox-repository.ts";
import { benchEvent, inboxRows } from "./events-data.ts";

// The bare-INSERT floors of bench:events: the inbox's rows written into a copy of its table (same columns and
// indexes) with nothing around the statement — no HTTP, no parsing, no receipts, no NOTIFY. Two forms: the edge's
// own statement (an array parameter per column, the payloads as one JSON array) and one JSON document of rows
// (json_to_recordset, an earlier form), so the run shows what the statement's form is worth on this machine.

const COLUMNS = `("receiptId", source, "eventId", type, "dataVersion", subject, time, data, "orderingKey",
                  "receivedAt", "receivedVia", status, "availableAt", "failureClass", "lastError", traceparent)`;

/** The edge's own statement, into the copy. */
const FLOOR_EDGE = INSERT_SQL.replace(`INSERT INTO "InboundEvent"`, "INSERT INTO bench_floor");

const FLOOR_JSON = `
  INSERT INTO bench_floor ${COLUMNS}
  SELECT "receiptId", source, "eventId", type, "dataVersion", subject, time AT TIME ZONE 'UTC', data, "orderingKey",
         now() AT TIME ZONE 'UTC', "receivedVia", status, now() AT TIME ZONE 'UTC', "failureClass", "lastError",
         traceparent
    FROM json_to_recordset($1::json) AS t("receiptId" uuid, source text, "eventId" text, type text,
      "dataVersion" int, subject text, time timestamptz, data jsonb, "orderingKey" text, "receivedVia" text,
      status text, "failureClass" text, "lastError" text, traceparent text)
  ON CONFLICT (source, "eventId") DO NOTHING`;

type Rows = ReturnType<typeof inboxRows>;

const FORMS = {
  edge: (rows: Rows): [string, unknown[]] => [FLOOR_EDGE, insertParameters(rows)],
  json: (rows: Rows): [string, unknown[]] => [FLOOR_JSON, [JSON.stringify(rows)]],
};

export async function createFloorTable(pool: pg.Pool): Promise<void> {
  await pool.query(`CREATE TABLE bench_floor (LIKE "InboundEvent" INCLUDING ALL)`);
}

/** Rows per second of bare INSERTs of `rows` rows each, `inFlight` at a time, on a pool like the edge's. */
export async function insertFloor(
  pool: pg.Pool,
  options: { rows: number; inFlight: number; seconds: number; form: keyof typeof FORMS },
): Promise<number> {
  let inserted = 0;
  const until = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.inFlight }, async () => {
      while (performance.now() < until) {
        const [sql, parameters] = FORMS[options.form](
          inboxRows(Array.from({ length: options.rows }, benchEvent)),
        );
        await pool.query(sql, parameters);
        inserted += options.rows;
      }
    }),
  );
  return inserted / ((performance.now() - started) / 1000);
}
