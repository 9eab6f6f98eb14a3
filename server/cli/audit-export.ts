import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { exportAuditPeriod } from "../audit/export.ts";
import { getDb } from "../db/client.ts";

// `npm run audit:export -- --from 2026-12-01 --to 2026-12-08 [--out audit.jsonl]`: the entries that occurred in
// [from, to) as JSON lines, then the chain head (stdout unless --out).

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function dateOption(name: "from" | "to"): Date {
  const value = option(name);
  const date = value ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()))
    throw new Error(`--${name} wants a date or time (ISO 8601), got "${value ?? ""}"`);
  return date;
}

async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, "drain");
}

try {
  const period = { from: dateOption("from"), to: dateOption("to") };
  if (period.from >= period.to) throw new Error("--from must be before --to");
  const path = option("out");
  const out = path ? createWriteStream(path) : process.stdout;
  const { entries, head } = await exportAuditPeriod(getDb(), period, (line) => writeLine(out, line));
  if (path)
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  process.stderr.write(
    `Exported ${entries} entries; chain head ${head ? `seq ${head.seq} ${head.hash}` : "none"}.\n`,
  );
  process.exit(0);
} catch (error) {
  process.stderr.write(`audit:export failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
