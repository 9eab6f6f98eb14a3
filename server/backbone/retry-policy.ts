// When a failed delivery is tried again, and when it stops being tried: exponential backoff with full jitter
// (so consumers failing together do not retry together), capped, then a dead letter.

export const MAX_ATTEMPTS = 8;
const BASE_MS = 1_000;
const CAP_MS = 5 * 60_000;

export type RetryDecision = { kind: "retry"; delayMs: number } | { kind: "dead" };

/** `attempts` counts the attempt that just failed. */
export function afterFailure(
  attempts: number,
  random: () => number = Math.random,
  maxAttempts: number = MAX_ATTEMPTS,
): RetryDecision {
  if (attempts >= maxAttempts) return { kind: "dead" };
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** (attempts - 1));
  return { kind: "retry", delayMs: Math.max(100, Math.floor(random() * ceiling)) };
}

/** How long a claimed delivery stays invisible to other workers: a crashed worker's claim lapses after this. */
export const LEASE_MS = 30_000;
