import { z } from "zod";
import { RESTORE_ORDER, type ArchivedTable } from "./families.ts";

// One archive day's manifest (`<dir>/<yyyy-mm-dd>/manifest.json`): the committed chunks and, once sealed, each
// table file's row count, size and sha256. A chunk joins the manifest only once its delete has committed; a day
// is sealed at the end of a run, and a restore takes only sealed days whose files match their checksums.

const MANIFEST_FORMAT = 1;

const tableName = z.enum(RESTORE_ORDER);
const rowCounts = z.partialRecord(tableName, z.number().int().nonnegative());

const chunkRecord = z.object({
  chunkId: z.uuid(),
  family: z.string(),
  cutoff: z.iso.datetime({ offset: true }),
  rows: rowCounts,
});

const tableEntry = z.object({
  file: z.string(),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sealed: z.boolean(),
  tables: z.partialRecord(tableName, tableEntry),
  chunks: z.array(chunkRecord),
});

export type ChunkRecord = z.infer<typeof chunkRecord>;
export type Manifest = z.infer<typeof manifestSchema>;
type TableEntry = z.infer<typeof tableEntry>;
export type TableRows = Partial<Record<ArchivedTable, number>>;
export interface FileFacts {
  bytes: number;
  sha256: string;
}

export const tableFile = (table: ArchivedTable) => `${table}.jsonl.gz`;

export function emptyManifest(day: string): Manifest {
  return { format: MANIFEST_FORMAT, day, sealed: false, tables: {}, chunks: [] };
}

export function parseManifest(text: string): Manifest {
  return manifestSchema.parse(JSON.parse(text));
}

/** Rows per table over the committed chunks: what the table files hold. */
export function rowsByTable(manifest: Manifest): TableRows {
  const rows: TableRows = {};
  for (const chunk of manifest.chunks)
    for (const [table, count] of Object.entries(chunk.rows) as [ArchivedTable, number][])
      rows[table] = (rows[table] ?? 0) + count;
  return rows;
}

/** Adds a committed chunk; a chunk already listed (a resolution repeated after a crash) changes nothing. */
export function addChunk(manifest: Manifest, chunk: ChunkRecord): Manifest {
  if (manifest.chunks.some((c) => c.chunkId === chunk.chunkId)) return manifest;
  return { ...manifest, sealed: false, chunks: [...manifest.chunks, chunk] };
}

/** Seals the day: each table with rows gets its file's size and checksum. */
export function seal(manifest: Manifest, files: Partial<Record<ArchivedTable, FileFacts>>): Manifest {
  const tables: Manifest["tables"] = {};
  for (const [table, rows] of Object.entries(rowsByTable(manifest)) as [ArchivedTable, number][]) {
    const facts = files[table];
    if (!facts) throw new Error(`${tableFile(table)} is missing but the manifest counts ${rows} rows in it`);
    tables[table] = { file: tableFile(table), rows, ...facts };
  }
  return { ...manifest, sealed: true, tables };
}

/** What is wrong with a day before a restore trusts it; empty when the files are the ones the manifest names. */
export function manifestProblems(
  manifest: Manifest,
  files: Partial<Record<ArchivedTable, FileFacts>>,
): string[] {
  if (!manifest.sealed) return [`${manifest.day} is not sealed: run the retention job again to finish it`];
  const problems: string[] = [];
  const expected = rowsByTable(manifest);
  for (const [table, entry] of Object.entries(manifest.tables) as [ArchivedTable, TableEntry][]) {
    const facts = files[table];
    if (!facts) problems.push(`${entry.file} is missing`);
    else if (facts.sha256 !== entry.sha256 || facts.bytes !== entry.bytes)
      problems.push(`${entry.file} does not match its checksum`);
    if (entry.rows !== expected[table]) problems.push(`${entry.file}: rows disagree with the chunks`);
  }
  for (const table of Object.keys(files) as ArchivedTable[])
    if (!manifest.tables[table]) problems.push(`${tableFile(table)} is not in the manifest`);
  return problems;
}
