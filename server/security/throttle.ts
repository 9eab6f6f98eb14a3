// The arithmetic of throttling, kept apart from the store so it is tested without a database.

/** What the store reports of a key after a consume or a read (rate-limiter-flexible's RateLimiterRes). */
export interface BucketState {
  consumedPoints: number;
  msBeforeNext: number;
}

export type ThrottleDecision =
  { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** Retry-After is whole seconds (RFC 9110 §10.2.3), never 0: "retry now" would invite a tight loop. */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

/** A key may act while it has consumed at most `points` in its window. */
export function decide(state: BucketState, points: number): ThrottleDecision {
  if (state.consumedPoints <= points) return { allowed: true, remaining: points - state.consumedPoints };
  return { allowed: false, retryAfterSeconds: retryAfterSeconds(state.msBeforeNext) };
}

/**
 * The consume that crossed the limit is the one that starts a lockout: later refused consumes of the same
 * window are the same lockout, so it is audited once.
 */
export function startsLockout(state: BucketState, points: number): boolean {
  return state.consumedPoints === points + 1;
}

// A failed sign-in answers no sooner than this, whatever the reason, so timing tells nothing about the account.
export const SIGN_IN_FLOOR_MS = 600;
const SIGN_IN_DELAY_CAP_MS = 10_000;

/** Growing delay of a failed sign-in: the floor, doubling with each consecutive failure, capped at 10 s. */
export function signInDelayMs(consecutiveFailures: number): number {
  const doublings = Math.max(0, Math.min(consecutiveFailures - 1, 20));
  return Math.min(SIGN_IN_FLOOR_MS * 2 ** doublings, SIGN_IN_DELAY_CAP_MS);
}
