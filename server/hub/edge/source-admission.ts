import type { ThrottleDecision } from "../../security/throttle.ts";

// The per-source rate limit at the edge without a database round trip per request: events are counted in the
// process and handed to the shared limiter (Postgres, across instances) a few times a second. A source the
// shared limiter refuses is refused here until its Retry-After, so the limit holds across instances within one
// flush of lag.

export type SharedConsume = (sourceKey: string, events: number) => Promise<ThrottleDecision>;

const FLUSH_EVERY_MS = 250;

export class SourceAdmission {
  private readonly pending = new Map<string, number>();
  private readonly blockedUntil = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly consume: SharedConsume,
    private readonly now: () => number = Date.now,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Null when the source may send these events; else the seconds it must wait. */
  admit(sourceKey: string, events: number): number | null {
    const until = this.blockedUntil.get(sourceKey) ?? 0;
    const wait = until - this.now();
    if (wait > 0) return Math.max(1, Math.ceil(wait / 1000));
    this.pending.set(sourceKey, (this.pending.get(sourceKey) ?? 0) + events);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref?.();
    return null;
  }

  /** Hands the counted events to the shared limiter; a refusal blocks the source here until Retry-After. */
  async flush(): Promise<void> {
    this.timer = null;
    const counted = [...this.pending];
    this.pending.clear();
    await Promise.all(
      counted.map(async ([sourceKey, events]) => {
        try {
          const decision = await this.consume(sourceKey, events);
          if (!decision.allowed) {
            this.blockedUntil.set(sourceKey, this.now() + decision.retryAfterSeconds * 1000);
          }
        } catch (error) {
          // The limiter's store is unreachable: let events in rather than refuse every source.
          this.onError(error);
        }
      }),
    );
  }
}
