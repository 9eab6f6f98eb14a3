import path from "node:path";
import { performance } from "node:perf_hooks";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../server/db/embedded.ts";

// What a benchmark script needs around its measurements: the PostgreSQL server to make its scratch database on
// (DATABASE_URL's, or an embedded one), timed runs after a warm-up, and percentiles of the samples.

export async function benchServer(): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(".data/bench-postgres/pg"),
    password: "bench",
  });
  return { url: embedded.url, embedded };
}

/** `runs` timed calls (ms) after `warmup` untimed ones. */
export async function timedRuns(
  run: () => Promise<unknown>,
  runs: number,
  warmup: number,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples;
}

/** The q-quantile (0–1) of the samples, nearest rank. */
export const quantile = (samples: readonly number[], q: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)] ?? NaN;
