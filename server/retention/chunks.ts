import { z } from "zod";
import { RESTORE_ORDER, type ArchivedTable } from "./families.ts";
import type { ChunkRecord } from "./manifest.ts";

// A chunk's life: its rows are deleted (RETURNING them) inside a transaction, written to the day's files and
// fsync'd, and only then committed. Before appending, the chunk writes a pending journal (`<dir>/pending.json`)
// with each file's size before it. Whoever comes next — the next chunk or the next run after a crash — resolves
// the journal: a committed chunk (its RetentionApplied event exists) joins the manifest; an uncommitted one (the
// rows are still in the database) is cut off its files by truncating them back. So a crash at any point neither
// loses rows nor archives them twice.

const DEFAULT_CHUNK_SIZE = 1_000;
// Bounds one run (a backlog, say after the first deploy, is finished by the following days' runs).
const DEFAULT_MAX_CHUNKS = 500;

const tableName = z.enum(RESTORE_ORDER);

const pendingSchema = z.object({
  chunkId: z.uuid(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  family: z.string(),
  cutoff: z.iso.datetime({ offset: true }),
  rows: z.partialRecord(tableName, z.number().int().nonnegative()),
  sizesBefore: z.partialRecord(tableName, z.number().int().nonnegative()),
});

export type PendingChunk = z.infer<typeof pendingSchema>;

export function parsePending(text: string): PendingChunk {
  return pendingSchema.parse(JSON.parse(text));
}

export type Resolution =
  | { kind: "accept"; day: string; chunk: ChunkRecord }
  | { kind: "discard"; day: string; truncate: { table: ArchivedTable; size: number }[] };

/** What to do with a pending chunk once it is known whether its transaction committed. */
export function resolvePending(pending: PendingChunk, committed: boolean): Resolution {
  if (committed) {
    const { chunkId, family, cutoff, rows } = pending;
    return { kind: "accept", day: pending.day, chunk: { chunkId, family, cutoff, rows } };
  }
  const truncate = (Object.entries(pending.sizesBefore) as [ArchivedTable, number][]).map(
    ([table, size]) => ({
      table,
      size,
    }),
  );
  return { kind: "discard", day: pending.day, truncate };
}

export interface ChunkPlan {
  chunkSize: number;
  maxChunks: number;
}

/** A run's limits: 1 to 10,000 rows a chunk (short locks), at least one chunk. */
export function chunkPlan(options: Partial<ChunkPlan> = {}): ChunkPlan {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const maxChunks = options.maxChunks ?? DEFAULT_MAX_CHUNKS;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 10_000)
    throw new Error(`chunkSize must be an integer from 1 to 10000, got ${chunkSize}`);
  if (!Number.isInteger(maxChunks) || maxChunks < 1)
    throw new Error(`maxChunks must be a positive integer, got ${maxChunks}`);
  return { chunkSize, maxChunks };
}

/**
 * After a chunk that took `taken` roots: go on with the same family while chunks come back full and the run has
 * chunks left; a short chunk means the family is done for now.
 */
export function nextStep(
  plan: ChunkPlan,
  taken: number,
  chunksDone: number,
): "same" | "next-family" | "stop" {
  if (chunksDone >= plan.maxChunks) return "stop";
  return taken < plan.chunkSize ? "next-family" : "same";
}
