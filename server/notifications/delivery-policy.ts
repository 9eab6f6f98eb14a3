import type { HttpAnswer, Outcome, ResponseRecord } from "./types.ts";
import { responseRecord } from "./types.ts";

// When a failed delivery is tried again and when it becomes a dead letter: exponential backoff with full jitter
// (the shape of the backbone's retry policy, tuned for pages: a page minutes late is a page missed), except that a
// provider's own Retry-After wins.

export const MAX_ATTEMPTS = 6;
const BASE_MS = 1_000;
const CAP_MS = 2 * 60_000;
/** Longest Retry-After honoured as given; beyond it the row waits this long and asks again. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

export type NextStep = { kind: "retry"; delayMs: number } | { kind: "dead" };

/** `attempts` counts the attempt that just failed. */
export function nextStepAfter(
  outcome: Exclude<Outcome, { kind: "delivered" }>,
  attempts: number,
  random: () => number = Math.random,
  maxAttempts: number = MAX_ATTEMPTS,
): NextStep {
  if (outcome.kind === "permanent" || attempts >= maxAttempts) return { kind: "dead" };
  if (outcome.afterMs !== null)
    return { kind: "retry", delayMs: Math.min(outcome.afterMs, MAX_RETRY_AFTER_MS) };
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** (attempts - 1));
  return { kind: "retry", delayMs: Math.max(100, Math.floor(random() * ceiling)) };
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: Date): number | null {
  if (value === undefined || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * The common reading of an HTTP answer: 2xx delivered; 429 and 5xx (and 408) retried, honouring Retry-After;
 * any other 4xx is the request's own fault and permanent.
 */
export function outcomeOfHttp(
  answer: HttpAnswer,
  now: Date,
  receipt: (answer: HttpAnswer) => string | null = () => null,
): Outcome {
  const response: ResponseRecord = responseRecord(answer);
  if (answer.status >= 200 && answer.status < 300)
    return { kind: "delivered", receipt: receipt(answer), response };
  const error = `HTTP ${answer.status}: ${answer.body.slice(0, 200)}`;
  if (answer.status === 429 || answer.status === 408 || answer.status >= 500) {
    return { kind: "retry", error, afterMs: retryAfterMs(answer.headers["retry-after"], now), response };
  }
  return { kind: "permanent", error, response };
}
