import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import { withTransaction, type Tx } from "../db/transaction.ts";
import { retentionAppliedPayload } from "../events/payloads.ts";
import { recordEvents } from "../events/record.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { appendGzipLines, fileSize } from "./archive-files.ts";
import {
  applyResolution,
  dayDirectory,
  readPending,
  sealOpenDays,
  tablePath,
  writePending,
} from "./archive-store.ts";
import { chunkPlan, nextStep, resolvePending, type ChunkPlan } from "./chunks.ts";
import { FAMILIES, type ArchivedTable, type TableFamily } from "./families.ts";
import type { TableRows } from "./manifest.ts";
import { archiveDay, retentionCutoff } from "./policy.ts";
import { CHUNK_AGGREGATE_TYPE, chunkCommitted, deleteChunk, lockArchive } from "./repository.ts";

// The scheduled job "retention.archive": archives, then deletes, closed tickets and risk cases and raw indicator
// points past the policy (policy.ts says what is kept for ever), one chunk of roots per transaction. See chunks.ts for how a chunk
// survives a crash.

export interface RetentionOptions extends Partial<ChunkPlan> {
  archiveDir: string;
  /** Where tests interrupt a run: once a chunk's files are fsync'd before its delete commits, or after it. */
  interrupt?: {
    afterArchive?: (chunk: { chunkId: string; family: string }) => Promise<void>;
    afterCommit?: (chunksDone: number) => Promise<void>;
  };
}

export interface RetentionSummary {
  archiveDay: string;
  chunks: number;
  rows: TableRows;
}

/** Settles the chunk a previous transaction (or crashed run) left pending, under the archive lock. */
async function settlePending(tx: Tx, dir: string): Promise<void> {
  const pending = await readPending(dir);
  if (pending) await applyResolution(dir, resolvePending(pending, await chunkCommitted(tx, pending.chunkId)));
}

interface ChunkInput {
  options: RetentionOptions;
  day: string;
  family: TableFamily;
  cutoff: Date;
  limit: number;
}

async function archiveChunk(tx: Tx, context: ServiceContext, input: ChunkInput) {
  const { options, day, family, cutoff } = input;
  await lockArchive(tx);
  await settlePending(tx, options.archiveDir);
  const { roots, lines } = await deleteChunk(tx, family, cutoff, input.limit);
  if (roots === 0) return { roots: 0, rows: {} };

  const written = [...lines];
  const rows: TableRows = Object.fromEntries(written.map(([table, rows]) => [table, rows.length]));

  const chunkId = randomUUID();
  const dayDir = dayDirectory(options.archiveDir, day);
  const sizesBefore: TableRows = {};
  for (const [table] of written) sizesBefore[table] = await fileSize(tablePath(dayDir, table));
  await writePending(options.archiveDir, {
    chunkId,
    day,
    family: family.name,
    cutoff: cutoff.toISOString(),
    rows,
    sizesBefore,
  });
  for (const [table, tableLines] of written) await appendGzipLines(tablePath(dayDir, table), tableLines);
  await options.interrupt?.afterArchive?.({ chunkId, family: family.name });

  await recordEvents(tx, context, [
    {
      type: "RetentionApplied",
      aggregateType: CHUNK_AGGREGATE_TYPE,
      aggregateId: chunkId,
      payload: retentionAppliedPayload.parse({
        family: family.name,
        archiveDay: day,
        cutoff: cutoff.toISOString(),
        roots,
        rows,
      }),
    },
  ]);
  return { roots, rows };
}

function addRows(total: TableRows, rows: TableRows): void {
  for (const [table, count] of Object.entries(rows) as [ArchivedTable, number][])
    total[table] = (total[table] ?? 0) + count;
}

export async function applyRetention(
  db: Db,
  context: ServiceContext,
  options: RetentionOptions,
): Promise<RetentionSummary> {
  const plan = chunkPlan(options);
  const now = context.clock.now();
  const day = archiveDay(now);
  const summary: RetentionSummary = { archiveDay: day, chunks: 0, rows: {} };
  families: for (const family of FAMILIES) {
    const cutoff = retentionCutoff(family.subject, now);
    for (;;) {
      const chunk = await withTransaction(
        db,
        (tx) => archiveChunk(tx, context, { options, day, family, cutoff, limit: plan.chunkSize }),
        { preset: "batch" },
      );
      if (chunk.roots > 0) summary.chunks++;
      addRows(summary.rows, chunk.rows);
      await options.interrupt?.afterCommit?.(summary.chunks);
      const step = nextStep(plan, chunk.roots, summary.chunks);
      if (step === "stop") break families;
      if (step === "next-family") break;
    }
  }
  // The last chunk joins its manifest, and every day that changed gets its checksums.
  await withTransaction(
    db,
    async (tx) => {
      await lockArchive(tx);
      await settlePending(tx, options.archiveDir);
      await sealOpenDays(options.archiveDir);
    },
    { preset: "batch" },
  );
  return summary;
}
