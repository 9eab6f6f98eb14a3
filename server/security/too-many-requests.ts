import { AppError, isAppError } from "../lib/errors.ts";
import { metrics } from "../ops/metrics.ts";
import type { LimitName } from "./rate-limits.ts";

/** Counts a refusal on /api/metrics (ops_rate_limited_total) and gives the Retry-After header to send. */
export function noteRefusal(limit: LimitName, retryAfterSeconds: number): { "Retry-After": string } {
  metrics().rateLimited.inc({ limit });
  return { "Retry-After": String(retryAfterSeconds) };
}

/** The REST envelope's 429: TOO_MANY_REQUESTS, with the wait in `details` as well as in Retry-After. */
export function tooManyRequests(limit: LimitName, retryAfterSeconds: number): AppError {
  noteRefusal(limit, retryAfterSeconds);
  return new AppError("TOO_MANY_REQUESTS", `Too many requests: retry after ${retryAfterSeconds} s.`, {
    details: { retryAfterSeconds },
  });
}

/** Retry-After for a response made from a TOO_MANY_REQUESTS AppError; nothing for any other error. */
export function retryAfterHeaders(error: unknown): Record<string, string> | undefined {
  if (!isAppError(error) || error.code !== "TOO_MANY_REQUESTS") return undefined;
  const details = error.details as { retryAfterSeconds?: unknown } | undefined;
  return typeof details?.retryAfterSeconds === "number"
    ? { "Retry-After": String(details.retryAfterSeconds) }
    : undefined;
}
