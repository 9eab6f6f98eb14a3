import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { gzipLines } from "./archive-files.ts";
import { dayFileFacts, daysToRestore, tablePath } from "./archive-store.ts";
import { RESTORE_ORDER, type ArchivedTable } from "./families.ts";
import { manifestProblems, type Manifest, type TableRows } from "./manifest.ts";
import { insertJsonRows, restoreWithoutTriggers } from "./restore-repository.ts";

// `npm run archive:restore -- <dir>`: puts archived rows back, into a scratch database as a rule. Every day's
// files are checked against their manifest before any row is written; then tables go in dependency order
// (tickets and cases before their comments, signals and links), a batch per transaction. A repeated restore
// adds nothing twice.

const BATCH = 1_000;

export interface RestoreSummary {
  days: string[];
  /** Rows read from the files per table. */
  read: TableRows;
  /** Rows inserted (rows already in the database are skipped). */
  inserted: TableRows;
}

async function verifyAll(days: { dayDir: string; manifest: Manifest }[]): Promise<void> {
  const problems: string[] = [];
  for (const { dayDir, manifest } of days)
    problems.push(
      ...manifestProblems(manifest, await dayFileFacts(dayDir)).map((p) => `${manifest.day}: ${p}`),
    );
  if (problems.length > 0) throw new Error(`The archive does not verify:\n${problems.join("\n")}`);
}

async function insertBatch(db: Db, table: ArchivedTable, lines: string[]): Promise<number> {
  return withTransaction(
    db,
    async (tx) => {
      await restoreWithoutTriggers(tx);
      return insertJsonRows(tx, table, lines);
    },
    { preset: "batch" },
  );
}

export async function restoreArchive(db: Db, dir: string): Promise<RestoreSummary> {
  const days = await daysToRestore(dir);
  if (days.length === 0) throw new Error(`No archive manifest in ${dir} or its day folders`);
  await verifyAll(days);
  const summary: RestoreSummary = { days: days.map((d) => d.manifest.day), read: {}, inserted: {} };
  const add = (rows: TableRows, table: ArchivedTable, n: number) => (rows[table] = (rows[table] ?? 0) + n);
  for (const table of RESTORE_ORDER) {
    for (const { dayDir, manifest } of days) {
      const entry = manifest.tables[table];
      if (!entry) continue;
      let batch: string[] = [];
      let read = 0;
      for await (const line of gzipLines(tablePath(dayDir, table))) {
        batch.push(line);
        read++;
        if (batch.length === BATCH) {
          add(summary.inserted, table, await insertBatch(db, table, batch));
          batch = [];
        }
      }
      if (batch.length > 0) add(summary.inserted, table, await insertBatch(db, table, batch));
      if (read !== entry.rows)
        throw new Error(`${manifest.day}/${entry.file} holds ${read} rows, its manifest says ${entry.rows}`);
      add(summary.read, table, read);
    }
  }
  return summary;
}
