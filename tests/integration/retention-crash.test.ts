import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { gzipLines } from "../../server/retention/archive-files.ts";
import { dayFileFacts, readManifest } from "../../server/retention/archive-store.ts";
import { manifestProblems, rowsByTable } from "../../server/retention/manifest.ts";
import { applyRetention } from "../../server/retention/service.ts";
import {
  archiveDirectory,
  buildRetentionWorld,
  removedRowsPicture,
  retentionContext,
} from "../support/retention.ts";

// A run interrupted mid-way — after a chunk's files are written but before its delete commits, or between two
// chunks — and then run again archives every removed row exactly once and loses none.

class Interrupted extends Error {}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** Every line of every table file of the day, with how many times it occurs. */
async function archivedLines(dayDir: string): Promise<Map<string, number>> {
  const lines = new Map<string, number>();
  for (const name of (await readdir(dayDir)).filter((n) => n.endsWith(".jsonl.gz")))
    for await (const line of gzipLines(path.join(dayDir, name))) lines.set(line, (lines.get(line) ?? 0) + 1);
  return lines;
}

async function expectArchivedOnceAndGone(
  archiveDir: string,
  world: Awaited<ReturnType<typeof buildRetentionWorld>>,
  before: Record<string, string[]>,
) {
  const db = getDb();
  const dayDir = path.join(archiveDir, "2026-12-06");
  const lines = await archivedLines(dayDir);
  for (const [table, rows] of Object.entries(before))
    for (const row of rows) expect(lines.get(row), `${table} ${row.slice(0, 60)}`).toBe(1);
  expect([...lines.values()].every((n) => n === 1)).toBe(true);
  const manifest = (await readManifest(dayDir))!;
  expect(manifestProblems(manifest, await dayFileFacts(dayDir))).toEqual([]);
  const total = Object.values(rowsByTable(manifest)).reduce((a, b) => a + b, 0);
  expect([...lines.values()].length).toBe(total);
  expect(await db.ticket.count({ where: { id: { in: world.removed.tickets } } })).toBe(0);
  expect(await db.riskCase.count({ where: { id: { in: world.removed.cases } } })).toBe(0);
  expect(await db.riskSignal.count({ where: { id: { in: world.removed.signals } } })).toBe(0);
  expect(await db.ticket.count({ where: { id: { in: world.kept.tickets } } })).toBe(
    world.kept.tickets.length,
  );
  expect(await exists(path.join(archiveDir, "pending.json"))).toBe(false);
}

describe("retention interrupted and run again", () => {
  it("cuts a chunk whose delete did not commit off the files, then archives it once", async () => {
    const db = getDb();
    const world = await buildRetentionWorld();
    const before = await removedRowsPicture(db, world);
    const archiveDir = await archiveDirectory();
    let chunks = 0;
    const run = applyRetention(db, retentionContext(), {
      archiveDir,
      chunkSize: 1,
      interrupt: {
        afterArchive: async () => {
          if (++chunks === 2) throw new Interrupted("crash after the files, before the commit");
        },
      },
    });
    await expect(run).rejects.toBeInstanceOf(Interrupted);
    // The second chunk's rows are in the files, its delete rolled back, and the journal says so.
    expect(await exists(path.join(archiveDir, "pending.json"))).toBe(true);
    const dayDir = path.join(archiveDir, "2026-12-06");
    const committed = rowsByTable((await readManifest(dayDir))!);
    expect(Object.values(committed).reduce((a, b) => a + b, 0)).toBeLessThan(
      (await archivedLines(dayDir)).size,
    );

    await applyRetention(db, retentionContext(), { archiveDir, chunkSize: 1 });
    await expectArchivedOnceAndGone(archiveDir, world, before);
  });

  it("keeps a committed chunk whose journal was never settled, and does not archive it again", async () => {
    const db = getDb();
    const world = await buildRetentionWorld();
    const before = await removedRowsPicture(db, world);
    const archiveDir = await archiveDirectory();
    const context = retentionContext();
    const run = applyRetention(db, context, {
      archiveDir,
      chunkSize: 1,
      interrupt: {
        afterCommit: async (done) => {
          if (done === 3) throw new Interrupted("crash between chunks");
        },
      },
    });
    await expect(run).rejects.toBeInstanceOf(Interrupted);
    // Three chunks committed; the manifest knows two, the journal the third.
    expect(await exists(path.join(archiveDir, "pending.json"))).toBe(true);
    const events = { type: "RetentionApplied", correlationId: context.correlationId };
    expect(await db.domainEvent.count({ where: events })).toBe(3);
    expect((await readManifest(path.join(archiveDir, "2026-12-06")))!.chunks).toHaveLength(2);

    await applyRetention(db, retentionContext(), { archiveDir, chunkSize: 1 });
    await expectArchivedOnceAndGone(archiveDir, world, before);
    const manifest = (await readManifest(path.join(archiveDir, "2026-12-06")))!;
    expect(new Set(manifest.chunks.map((c) => c.chunkId)).size).toBe(manifest.chunks.length);
  });
});
