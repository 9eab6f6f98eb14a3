import { readdir } from "node:fs/promises";
import path from "node:path";
import {
  fileSize,
  readTextIfExists,
  removeFile,
  sha256File,
  truncateTo,
  writeJsonAtomic,
} from "./archive-files.ts";
import type { Resolution, PendingChunk } from "./chunks.ts";
import { parsePending } from "./chunks.ts";
import { RESTORE_ORDER, type ArchivedTable } from "./families.ts";
import {
  addChunk,
  emptyManifest,
  parseManifest,
  seal,
  tableFile,
  type FileFacts,
  type Manifest,
} from "./manifest.ts";

// The archive directory's layout: `<dir>/<yyyy-mm-dd>/<table>.jsonl.gz` and `manifest.json` per day, and at most
// one `<dir>/pending.json` (the chunk whose commit is not yet known).

const DAY_FOLDER = /^\d{4}-\d{2}-\d{2}$/;

const pendingPath = (dir: string) => path.join(dir, "pending.json");
const manifestPath = (dayDir: string) => path.join(dayDir, "manifest.json");
export const dayDirectory = (dir: string, day: string) => path.join(dir, day);
export const tablePath = (dayDir: string, table: ArchivedTable) => path.join(dayDir, tableFile(table));

export async function readPending(dir: string): Promise<PendingChunk | null> {
  const text = await readTextIfExists(pendingPath(dir));
  return text === null ? null : parsePending(text);
}

export const writePending = (dir: string, pending: PendingChunk) =>
  writeJsonAtomic(pendingPath(dir), pending);

export async function readManifest(dayDir: string): Promise<Manifest | null> {
  const text = await readTextIfExists(manifestPath(dayDir));
  return text === null ? null : parseManifest(text);
}

/** Carries out a pending chunk's resolution, then forgets the journal; repeating it after a crash is harmless. */
export async function applyResolution(dir: string, resolution: Resolution): Promise<void> {
  const dayDir = dayDirectory(dir, resolution.day);
  if (resolution.kind === "accept") {
    const manifest = (await readManifest(dayDir)) ?? emptyManifest(resolution.day);
    await writeJsonAtomic(manifestPath(dayDir), addChunk(manifest, resolution.chunk));
  } else {
    for (const { table, size } of resolution.truncate) await truncateTo(tablePath(dayDir, table), size);
  }
  await removeFile(pendingPath(dir));
}

/** Size and sha256 of each table file present in a day folder. */
export async function dayFileFacts(dayDir: string): Promise<Partial<Record<ArchivedTable, FileFacts>>> {
  const facts: Partial<Record<ArchivedTable, FileFacts>> = {};
  for (const table of RESTORE_ORDER) {
    const file = tablePath(dayDir, table);
    const bytes = await fileSize(file);
    if (bytes > 0) facts[table] = { bytes, sha256: await sha256File(file) };
  }
  return facts;
}

async function dayFolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && DAY_FOLDER.test(e.name)).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Seals every day that gained chunks since it was last sealed; returns the days sealed. */
export async function sealOpenDays(dir: string): Promise<string[]> {
  const sealed: string[] = [];
  for (const day of await dayFolders(dir)) {
    const dayDir = dayDirectory(dir, day);
    const manifest = await readManifest(dayDir);
    if (!manifest || manifest.sealed) continue;
    await writeJsonAtomic(manifestPath(dayDir), seal(manifest, await dayFileFacts(dayDir)));
    sealed.push(day);
  }
  return sealed;
}

/** The sealed or open days under an archive root, or the one day when `dir` is itself a day folder. */
export async function daysToRestore(dir: string): Promise<{ dayDir: string; manifest: Manifest }[]> {
  const own = await readManifest(dir);
  if (own) return [{ dayDir: dir, manifest: own }];
  const days: { dayDir: string; manifest: Manifest }[] = [];
  for (const day of (await dayFolders(dir)).sort()) {
    const manifest = await readManifest(dayDirectory(dir, day));
    if (manifest) days.push({ dayDir: dayDirectory(dir, day), manifest });
  }
  return days;
}
