import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import {
  RATE_LIMIT_SCHEMA,
  RATE_LIMIT_TABLE,
  rateLimitStore,
  type RateLimitStore,
} from "./rate-limit-store.ts";
import { env } from "../lib/env.ts";
import { decide, startsLockout, type BucketState, type ThrottleDecision } from "./throttle.ts";

/** Every limit the console enforces; the name is the `limit` label of ops_rate_limited_total. */
export const LIMITS = {
  // Attempts per account (counted before the password is checked, forgotten after a success): 10 in 15 min,
  // then the account is locked for 15 min, whether or not it exists.
  sign_in_account: { points: 10, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  // Attempts per address across accounts (a success gives its point back): 100 an hour, then blocked an hour.
  sign_in_ip: { points: 100, durationSeconds: 60 * 60, blockSeconds: 60 * 60 },
  // Token requests per client id, whatever the outcome: 30 wrong secrets cannot be tried in a second.
  token_client: { points: 20, durationSeconds: 60, blockSeconds: 5 * 60 },
  token_ip: { points: 60, durationSeconds: 60, blockSeconds: 5 * 60 },
  // REST calls per client: 10 a second on average, bursts up to a minute's worth.
  rest_client: { points: 600, durationSeconds: 60, blockSeconds: 0 },
  // Inbound events per source at the event edge.
  event_source: { points: env.EVENT_SOURCE_EVENTS_PER_MINUTE, durationSeconds: 60, blockSeconds: 0 },
} as const satisfies Record<string, Limit>;

export interface Limit {
  points: number;
  durationSeconds: number;
  /** Once over the limit, refuse for this long (0: only until the window ends). */
  blockSeconds: number;
}

export type LimitName = keyof typeof LIMITS;

export interface Consumed {
  decision: ThrottleDecision;
  /** True for the one consume that crossed the limit: the start of a lockout, audited once. */
  crossed: boolean;
  consumedPoints: number;
}

function stateOf(res: RateLimiterRes): BucketState {
  return { consumedPoints: res.consumedPoints, msBeforeNext: res.msBeforeNext };
}

/** One named limit on the shared store: a thin wrapper whose decisions come from throttle.ts. */
class Throttle {
  private readonly limiter: RateLimiterPostgres;

  constructor(
    readonly name: LimitName,
    readonly limit: Limit,
    private readonly store: RateLimitStore,
  ) {
    this.limiter = new RateLimiterPostgres({
      storeClient: store.pool,
      storeType: "pool",
      schemaName: RATE_LIMIT_SCHEMA,
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: true,
      keyPrefix: name,
      points: limit.points,
      duration: limit.durationSeconds,
      blockDuration: limit.blockSeconds,
    } as ConstructorParameters<typeof RateLimiterPostgres>[0]);
  }

  /** Counts one attempt (or `points`) for `key`, atomically in the database. */
  async consume(key: string, points = 1): Promise<Consumed> {
    await this.store.ready();
    let state: BucketState;
    try {
      state = stateOf(await this.limiter.consume(key, points));
    } catch (rejection) {
      // The library rejects with the key's state when over the limit, with an Error when the store fails.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      state = stateOf(rejection);
    }
    return {
      decision: decide(state, this.limit.points),
      crossed: startsLockout(state, this.limit.points),
      consumedPoints: state.consumedPoints,
    };
  }

  /** The key's state without counting anything; null when it has no attempts in the window. */
  async peek(key: string): Promise<BucketState | null> {
    await this.store.ready();
    const res = await this.limiter.get(key);
    return res ? stateOf(res) : null;
  }

  /** Gives back one point (a success that should not count against the key). */
  async reward(key: string): Promise<void> {
    await this.store.ready();
    await this.limiter.reward(key, 1);
  }

  /** Forgets the key: consecutive failures start again from zero. */
  async reset(key: string): Promise<void> {
    await this.store.ready();
    await this.limiter.delete(key);
  }
}

export type Throttles = { [N in LimitName]: Throttle };

/** Every limit on one store; tests build two sets on one database to play two app instances. */
export function createThrottles(
  store: RateLimitStore,
  overrides: Partial<Record<LimitName, Limit>> = {},
): Throttles {
  const names = Object.keys(LIMITS) as LimitName[];
  return Object.fromEntries(
    names.map((name) => [name, new Throttle(name, overrides[name] ?? LIMITS[name], store)]),
  ) as Throttles;
}

const globalForThrottles = globalThis as unknown as { opsThrottles?: Throttles };

export function throttles(): Throttles {
  globalForThrottles.opsThrottles ??= createThrottles(rateLimitStore());
  return globalForThrottles.opsThrottles;
}

/** Puts another set of limits in force for this process (tests play instances with small limits). */
export function installThrottles(set: Throttles): void {
  globalForThrottles.opsThrottles = set;
}
