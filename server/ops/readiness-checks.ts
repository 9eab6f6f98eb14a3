import { logger } from "../lib/logger.ts";

/** What a check reports. `detail` is shown to anyone who can reach the endpoint: numbers and names only. */
export interface CheckOutcome {
  ok: boolean;
  detail?: Record<string, string | number | boolean | null>;
}

export type ReadinessCheck = () => Promise<CheckOutcome>;

export interface CheckResult extends CheckOutcome {
  durationMs: number;
  /** Why a check failed without an outcome; its error message stays in the log (it may name hosts). */
  error?: "timeout" | "failed";
}

// A load balancer gives up after a few seconds: a check that hangs must not hold the answer longer.
const CHECK_TIMEOUT_MS = 2_000;

// One registry per process: Next loads modules once per bundle (instrumentation and routes are separate bundles)
// and again on reloads in development, and checks registered from any of them must all count.
const globalForChecks = globalThis as unknown as { opsReadinessChecks?: Map<string, ReadinessCheck> };

function registry(): Map<string, ReadinessCheck> {
  globalForChecks.opsReadinessChecks ??= new Map();
  return globalForChecks.opsReadinessChecks;
}

/** Adds (or replaces, by name) a check that readiness runs on every call; returns its removal. */
export function registerReadinessCheck(name: string, check: ReadinessCheck): () => void {
  registry().set(name, check);
  return () => {
    if (registry().get(name) === check) registry().delete(name);
  };
}

async function runCheck(name: string, check: ReadinessCheck): Promise<CheckResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), CHECK_TIMEOUT_MS);
  });
  try {
    const outcome = await Promise.race([check(), timedOut]);
    if (outcome === "timeout") {
      logger.warn({ check: name, timeoutMs: CHECK_TIMEOUT_MS }, "readiness check timed out");
      return { ok: false, durationMs: elapsed(), error: "timeout" };
    }
    return { ...outcome, durationMs: elapsed() };
  } catch (error) {
    logger.warn({ check: name, err: error }, "readiness check failed");
    return { ok: false, durationMs: elapsed(), error: "failed" };
  } finally {
    clearTimeout(timer);
  }
}

/** Every registered check, in parallel, keyed by name. */
export async function runReadinessChecks(): Promise<Record<string, CheckResult>> {
  const entries = await Promise.all(
    [...registry()].map(async ([name, check]) => [name, await runCheck(name, check)] as const),
  );
  return Object.fromEntries(entries);
}
