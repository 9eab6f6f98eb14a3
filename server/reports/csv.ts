import { pipeline, Readable, Transform } from "node:stream";
import type pg from "pg";
import { stringify } from "csv-stringify";
import type { Db } from "../db/client.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { requireReportAccess } from "./access.ts";
import type { ItemsQuery } from "./contract.ts";
import { CSV_COLUMNS, exportPool, ticketCsvPages, type CsvRow } from "./csv-repository.ts";
import { itemsPage, ticketItemsQuery } from "./items.ts";

// The items behind a report figure as CSV, streamed: the next page is read only when csv-stringify has taken the
// rows of the last one and the client has taken its output (backpressure through the pipeline), so memory stays
// flat however many rows there are. Ticket pages come straight from PostgreSQL as CSV-ready arrays.

/** Rows per page: large enough that a page's query costs little beside its rows, small enough to stay flat. */
const PAGE = 10_000;
/** Risk cases and alerts are folded in memory per request (thousands): their pages are the drill-down's. */
const ITEM_PAGE = 500;

async function* itemPages(db: Db, context: ServiceContext, query: ItemsQuery): AsyncGenerator<CsvRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await itemsPage(db, context, { ...query, cursor, limit: ITEM_PAGE });
    yield page.items.map((item) => [
      item.id,
      item.number === null ? null : String(item.number),
      item.kind,
      item.group,
      item.status,
      item.at.toISOString(),
      item.minutes === null ? null : String(item.minutes),
      item.breached === null ? null : String(item.breached),
      item.href,
    ]);
    if (page.nextCursor === null) return;
    cursor = page.nextCursor;
  }
}

/**
 * Pages as a stream of rows: a page is taken when the stream wants more and all its rows pushed at once; the next
 * page's query starts meanwhile, so PostgreSQL reads it while this one is written (two pages at most in memory).
 */
function rowStream(pages: AsyncGenerator<CsvRow[]>): Readable {
  let ahead: Promise<IteratorResult<CsvRow[]>> | null = null;
  return new Readable({
    objectMode: true,
    highWaterMark: PAGE,
    read() {
      const current = ahead ?? pages.next();
      ahead = null;
      current.then(
        ({ done, value }) => {
          if (done) return void this.push(null);
          ahead = pages.next();
          // Its failure is handled when it is taken; until then it must not count as unhandled.
          ahead.catch(() => {});
          for (const row of value) this.push(row);
        },
        (error: unknown) => this.destroy(error as Error),
      );
    },
    destroy(error, callback) {
      pages.return(undefined).then(
        () => callback(error),
        () => callback(error),
      );
    },
  });
}

/** csv-stringify writes a chunk per record: handing the client 64 KiB at a time spares a stream hop per row. */
function coalesce(bytes = 64 * 1024): Transform {
  let held: Buffer[] = [];
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      held.push(chunk);
      size += chunk.length;
      if (size < bytes) return callback();
      const out = Buffer.concat(held, size);
      held = [];
      size = 0;
      callback(null, out);
    },
    flush(callback) {
      callback(null, size > 0 ? Buffer.concat(held, size) : null);
    },
  });
}

/** Checks access first (a refusal is a status, not a broken download), then streams header and rows. */
export function reportItemsCsv(
  db: Db,
  context: ServiceContext,
  query: ItemsQuery,
  pool: pg.Pool = exportPool(),
): ReadableStream<Uint8Array> {
  requireReportAccess(context, query.name);
  const pages =
    query.name === "ticket-sla" || query.name === "ticket-backlog"
      ? ticketCsvPages(pool, { ...ticketItemsQuery(context, query), limit: PAGE })
      : itemPages(db, context, query);
  const out = coalesce();
  // The callback only ends the chain: an error has already destroyed every stream, and the client sees the
  // download cut short.
  pipeline(rowStream(pages), stringify({ header: true, columns: CSV_COLUMNS }), out, () => {});
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
