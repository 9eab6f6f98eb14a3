import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { RATE_LIMIT_SCHEMA, RATE_LIMIT_TABLE, type RateLimitStore } from "../security/rate-limit-store.ts";

// A per-channel delivery rate, shared by every instance through the console's rate-limit store. A batch asks once
// per channel for all its rows; those past the limit wait for the window to end, without spending an attempt.

export interface ChannelRateLimiter {
  /** How many of `count` deliveries may go now, and when the rest may try again. */
  take(
    channelId: string,
    ratePerMinute: number,
    count: number,
  ): Promise<{ allowed: number; retryInMs: number }>;
}

/** Of `count` asked, how many fit under `points` when the window now holds `consumedAfter` (the ask included). */
export function allowedOf(points: number, consumedAfter: number, count: number): number {
  return Math.max(0, Math.min(count, points - (consumedAfter - count)));
}

export function postgresChannelRateLimiter(store: RateLimitStore): ChannelRateLimiter {
  const limiters = new Map<number, RateLimiterPostgres>();
  const limiterFor = (points: number) => {
    let limiter = limiters.get(points);
    if (!limiter) {
      limiter = new RateLimiterPostgres({
        storeClient: store.pool,
        storeType: "pool",
        schemaName: RATE_LIMIT_SCHEMA,
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix: `notify_${points}`,
        points,
        duration: 60,
      } as ConstructorParameters<typeof RateLimiterPostgres>[0]);
      limiters.set(points, limiter);
    }
    return limiter;
  };
  return {
    async take(channelId, ratePerMinute, count) {
      await store.ready();
      let state: RateLimiterRes;
      try {
        state = await limiterFor(ratePerMinute).consume(channelId, count);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        state = rejection;
      }
      return {
        allowed: allowedOf(ratePerMinute, state.consumedPoints, count),
        retryInMs: Math.max(50, state.msBeforeNext),
      };
    },
  };
}
