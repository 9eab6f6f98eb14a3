import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readFile, rename, rm, stat, truncate } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";

// The archive's file operations. Every write is fsync'd, and so is the directory when a name appears or goes,
// so what the job believes written survives a power cut. Each chunk appends one gzip member to a table's file;
// gunzip reads concatenated members as one stream, so a day's file is plain `.jsonl.gz` to any tool.

async function syncFile(file: string, flags = "r"): Promise<void> {
  const handle = await open(file, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const syncDirectory = (dir: string) => syncFile(dir);

export async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
}

export async function readTextIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Appends the lines as one gzip member, streamed through zlib, and fsyncs the file. */
export async function appendGzipLines(file: string, lines: readonly string[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const isNew = (await fileSize(file)) === 0;
  await pipeline(
    Readable.from(lines.map((line) => `${line}\n`)),
    createGzip(),
    createWriteStream(file, { flags: "a" }),
  );
  // fsync reaches the file's data through any descriptor of it.
  await syncFile(file);
  if (isNew) await syncDirectory(path.dirname(file));
}

/** Cuts a file back to an earlier size (removing it when nothing was there), fsync'd. */
export async function truncateTo(file: string, size: number): Promise<void> {
  if ((await fileSize(file)) === size) return;
  if (size === 0) {
    await rm(file, { force: true });
    await syncDirectory(path.dirname(file));
    return;
  }
  await truncate(file, size);
  await syncFile(file, "r+");
}

/** Writes JSON under a temporary name, fsyncs it and renames it over the target: readers see old or new. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomUUID()}.tmp`;
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  await syncDirectory(path.dirname(file));
}

export async function removeFile(file: string): Promise<void> {
  await rm(file, { force: true });
  await syncDirectory(path.dirname(file));
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The lines of a `.jsonl.gz` file, streamed. */
export async function* gzipLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  // A read error ends the iteration below with that error, as a corrupt member does.
  source.on("error", (error) => gunzip.destroy(error));
  let rest = "";
  for await (const chunk of source.pipe(gunzip).setEncoding("utf8")) {
    const lines = (rest + (chunk as string)).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) if (line.length > 0) yield line;
  }
  if (rest.length > 0) yield rest;
}
